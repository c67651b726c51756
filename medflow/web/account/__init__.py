"""My account: the download of everything medflow holds about me (API tokens are in web/auth)."""
