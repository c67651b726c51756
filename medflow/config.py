"""Settings from the environment, with defaults that run on an embedded SQLite database."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from medflow.domain.calendar import DEFAULT_CLOSED_DAYS, DEFAULT_HOURS, DEFAULT_ZONE
from medflow.domain.limits import BODY_MAX_BYTES, ORG_FILE_MAX_BYTES
from medflow.ops_config import ops_settings

VERSION = "0.1.0"  # the release, as pyproject.toml names it (medflow.__version__)
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(__file__).resolve().parent
SHIPPED = PACKAGE / "_data"  # the copies a built wheel carries (see setup.py)


def data_dir(name: str) -> Path:
    """Return a top-level folder (templates, workflows, migrations): the installed copy, else the checkout's."""
    shipped = SHIPPED / name
    return shipped if shipped.is_dir() else ROOT / name


def instance_dir() -> Path | None:
    """Return `instance/` of the checkout; None when installed (Flask's default, under sys.prefix)."""
    return None if SHIPPED.is_dir() else ROOT / "instance"


def database_url(raw: str | None, instance: Path) -> str:
    """Return a SQLAlchemy URL: DATABASE_URL if set (psycopg 3 for PostgreSQL), else SQLite."""
    if not raw:
        return f"sqlite:///{instance / 'medflow.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def _secret_key(instance: Path) -> str:
    """Use SECRET_KEY, else a key kept in the instance folder so sessions survive restarts."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def days_setting(name: str, default: str) -> int:
    """Return a whole number of days (at least 1) from the environment; refuse anything else by name."""
    raw = os.environ.get(name, default).strip()
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{name} must be a whole number of days, at least 1 (not {raw!r}).")
    return int(raw)


def _flag(raw: str | None) -> bool:
    """Read an on/off setting: 1, true, yes or on (any case) mean on."""
    return (raw or "").strip().lower() in ("1", "true", "yes", "on")


def security_settings(env) -> dict:
    """Return the log-in, cookie, header and API token settings (see docs/administrators.md: Security)."""
    https = env("MEDFLOW_BASE_URL", "").startswith("https://")
    scheme = env("PREFERRED_URL_SCHEME", "https" if https else "http")
    secure = _flag(env("SESSION_COOKIE_SECURE")) or scheme == "https"
    return {
        "PREFERRED_URL_SCHEME": scheme,
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
        "API_TOKEN_DAYS": int(env("API_TOKEN_DAYS", "90")),
        "RATELIMIT_STORAGE_URI": env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_LOGIN_ACCOUNT": env("RATELIMIT_LOGIN_ACCOUNT", "10 per 15 minutes"),
        "RATELIMIT_LOGIN_ADDRESS": env("RATELIMIT_LOGIN_ADDRESS", "50 per 15 minutes"),
        "RATELIMIT_TOKEN": env("RATELIMIT_TOKEN", "30 per 15 minutes"),
    }


def from_env(instance: Path) -> dict:
    """Return the configuration read from environment variables."""
    env = os.environ.get
    return {
        **security_settings(env),  # log-in, cookies, headers, API tokens
        "SECRET_KEY": _secret_key(instance),
        "SQLALCHEMY_DATABASE_URI": database_url(env("DATABASE_URL"), instance),
        "WORKFLOWS_DIR": env("MEDFLOW_WORKFLOWS_DIR", str(data_dir("workflows"))),
        "TEMPLATES_DIR": env("MEDFLOW_TEMPLATES_DIR", str(data_dir("templates"))),
        "TOPICS_FILE": env("MEDFLOW_TOPICS_FILE"),  # None: responsibilities.yaml in WORKFLOWS_DIR
        "OFFERS_FILE": env("MEDFLOW_OFFERS_FILE"),  # None: offers.yaml in WORKFLOWS_DIR
        "GRAPHVIZ_DOT": env("MEDFLOW_DOT", "dot"),
        "DEMO_ORG_FILE": env("MEDFLOW_DEMO_ORG", str(PACKAGE / "demo" / "data" / "org.yaml")),
        "BABEL_DEFAULT_LOCALE": "da",
        "TIMEZONE": env("MEDFLOW_TIMEZONE", DEFAULT_ZONE),
        "BABEL_DEFAULT_TIMEZONE": env("MEDFLOW_TIMEZONE", DEFAULT_ZONE),
        "CLOSED_DAYS": env("MEDFLOW_CLOSED_DAYS", DEFAULT_CLOSED_DAYS),  # MM-DD and/or YYYY-MM-DD
        "WORKDAY_HOURS": (int(env("MEDFLOW_WORKDAY_START_HOUR", str(DEFAULT_HOURS[0]))),
                          int(env("MEDFLOW_WORKDAY_END_HOUR", str(DEFAULT_HOURS[1])))),
        "BABEL_TRANSLATION_DIRECTORIES": str(PACKAGE / "translations"),
        "LANGUAGES": ("da", "en"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PAGE_SIZE": 25,
        "NOTIFICATION_PAGE_SIZE": 50,
        "JSON_SORT_KEYS": False,
        "MAX_CONTENT_LENGTH": int(env("MAX_CONTENT_LENGTH", str(BODY_MAX_BYTES))),  # bytes; 413 above
        "ORG_FILE_MAX_BYTES": int(env("ORG_FILE_MAX_BYTES", str(ORG_FILE_MAX_BYTES))),
        "MAIL_SERVER": env("MAIL_SERVER"),
        "MAIL_PORT": int(env("MAIL_PORT", "25")),
        "MAIL_USERNAME": env("MAIL_USERNAME"),
        "MAIL_PASSWORD": env("MAIL_PASSWORD"),
        "MAIL_USE_TLS": env("MAIL_USE_TLS", "") in ("1", "true", "yes"),
        "MAIL_FROM": env("MAIL_FROM", "medflow@localhost"),
        "MAIL_TIMEOUT": float(env("MAIL_TIMEOUT", "10")),
        "MAIL_SEND_ON_COMMIT": env("MAIL_SEND_ON_COMMIT", "1").lower() not in ("0", "false", "no"),
        # Links in mail, feeds and printouts; by default the address `make run` serves on (PORT, else 5000).
        "BASE_URL": env("MEDFLOW_BASE_URL", f"http://127.0.0.1:{env('PORT', '5000')}"),
        "MAIL_DOMAIN": env("MAIL_DOMAIN"),  # Message-IDs; default: SERVER_NAME or the host of BASE_URL
        "MAIL_REPLY_TO": env("MAIL_REPLY_TO"),
        "OUTBOX_KEEP_DAYS": int(env("OUTBOX_KEEP_DAYS", "30")),
        "RETENTION_DAYS": days_setting("RETENTION_DAYS", "1826"),  # closed cases anonymised after this
        "NEWSLETTER_NAME": env("NEWSLETTER_NAME", "personalebladet").strip() or "personalebladet",
        # committees whose chair alone approves the minutes (keys, comma-separated; "*": every committee)
        "MINUTES_ONE_APPROVER": env("MINUTES_ONE_APPROVER", ""),
        **ops_settings(),
    }
