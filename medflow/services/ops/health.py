"""Is the database reachable and its schema at the newest migration? (for /healthz and doctor)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError


@dataclass(frozen=True)
class Health:
    """What the load balancer and `medflow doctor` need to know about the database."""

    database: bool
    current: tuple[str, ...]
    expected: tuple[str, ...]
    error: str | None = None

    @property
    def migrations_current(self) -> bool:
        """Tell whether the database is at the newest revision."""
        return self.database and set(self.current) == set(self.expected)

    @property
    def ok(self) -> bool:
        """Tell whether the app can serve requests."""
        return self.database and self.migrations_current


@cache
def expected_heads(migrations_dir: str) -> tuple[str, ...]:
    """Return the newest revision(s) the shipped migrations lead to (read once per process)."""
    config = Config()
    config.set_main_option("script_location", str(Path(migrations_dir)))
    return tuple(sorted(ScriptDirectory.from_config(config).get_heads()))


def check(engine: Engine, migrations_dir: str) -> Health:
    """Run `SELECT 1` and compare the database's Alembic revision with the shipped head."""
    expected = expected_heads(migrations_dir)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            current = tuple(sorted(MigrationContext.configure(conn).get_current_heads()))
    except SQLAlchemyError as exc:
        return Health(False, (), expected, error=str(exc.orig if hasattr(exc, "orig") else exc))
    return Health(True, current, expected)
