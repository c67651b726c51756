"""My account: the API tokens I (or, as an admin, anyone) may list, make and revoke."""
