"""Settings for running medflow in production: proxy, secure cookies, single sign-on."""

from __future__ import annotations

import os

FALSE = ("0", "false", "no", "off")


def _proxies(raw: str | None) -> int:
    """Return how many reverse proxies to trust (0: none); TRUSTED_PROXIES must be a whole number."""
    if not raw:
        return 0
    if not raw.strip().isdigit():
        raise ValueError(f"TRUSTED_PROXIES must be a whole number of proxies, not {raw!r}")
    return int(raw)


def ops_settings() -> dict:
    """Return the production settings read from environment variables."""
    env = os.environ.get
    return {  # secure cookies and the URL scheme: config.security_settings
        "TRUSTED_PROXIES": _proxies(
            env("TRUSTED_PROXIES") or env("MEDFLOW_TRUSTED_PROXIES") or env("PROXY_FIX")),
        "OIDC_ISSUER": (env("OIDC_ISSUER") or "").rstrip("/") or None,
        "OIDC_CLIENT_ID": env("OIDC_CLIENT_ID"),
        "OIDC_CLIENT_SECRET": env("OIDC_CLIENT_SECRET"),
        "OIDC_EMAIL_CLAIM": env("OIDC_EMAIL_CLAIM", "email"),
        "OIDC_SCOPES": env("OIDC_SCOPES", "openid email profile"),
        "OIDC_CLOCK_SKEW": int(env("OIDC_CLOCK_SKEW", "60")),
        "PASSWORD_LOGIN": env("PASSWORD_LOGIN", "true").lower() not in FALSE,
    }
