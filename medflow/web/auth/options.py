"""What log-in, single sign-on and the front door share: where to go next, and whether passwords are on."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def safe_next(target: str | None, default: str) -> str:
    """Return `target` if it is a path on this site, else `default` (no open redirects).

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so a tab or a
    backslash after the first slash would lead to another site as "//x" does: any space, control
    character or backslash is refused.
    """
    if not target or not target.isprintable() or any(ch.isspace() or ch == "\\" for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def password_login_enabled() -> bool:
    """Tell whether the password form is offered (PASSWORD_LOGIN=false leaves single sign-on only)."""
    return bool(current_app.config.get("PASSWORD_LOGIN", True))
