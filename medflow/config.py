"""Settings from the environment, with defaults that run on an embedded SQLite database."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

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


def from_env(instance: Path) -> dict:
    """Return the configuration read from environment variables."""
    env = os.environ.get
    return {
        "SECRET_KEY": _secret_key(instance),
        "SQLALCHEMY_DATABASE_URI": database_url(env("DATABASE_URL"), instance),
        "WORKFLOWS_DIR": env("MEDFLOW_WORKFLOWS_DIR", str(data_dir("workflows"))),
        "TEMPLATES_DIR": env("MEDFLOW_TEMPLATES_DIR", str(data_dir("templates"))),
        "TOPICS_FILE": env("MEDFLOW_TOPICS_FILE"),  # None: responsibilities.yaml in WORKFLOWS_DIR
        "GRAPHVIZ_DOT": env("MEDFLOW_DOT", "dot"),
        "DEMO_ORG_FILE": env("MEDFLOW_DEMO_ORG", str(PACKAGE / "data" / "demo_org.yaml")),
        "BABEL_DEFAULT_LOCALE": "da",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Copenhagen",
        "BABEL_TRANSLATION_DIRECTORIES": str(PACKAGE / "translations"),
        "LANGUAGES": ("da", "en"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PAGE_SIZE": 25,
        "NOTIFICATION_PAGE_SIZE": 50,
        "JSON_SORT_KEYS": False,
        "MAIL_SERVER": env("MAIL_SERVER"),
        "MAIL_PORT": int(env("MAIL_PORT", "25")),
        "MAIL_USERNAME": env("MAIL_USERNAME"),
        "MAIL_PASSWORD": env("MAIL_PASSWORD"),
        "MAIL_USE_TLS": env("MAIL_USE_TLS", "") in ("1", "true", "yes"),
        "MAIL_FROM": env("MAIL_FROM", "medflow@localhost"),
        "MAIL_TIMEOUT": float(env("MAIL_TIMEOUT", "10")),
        "MAIL_SEND_ON_COMMIT": env("MAIL_SEND_ON_COMMIT", "1").lower() not in ("0", "false", "no"),
        "BASE_URL": env("MEDFLOW_BASE_URL", "http://127.0.0.1:5000"),
    }
