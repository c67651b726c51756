"""Online, consistent backups and restores: SQLite's backup API, PostgreSQL's pg_dump/pg_restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine, make_url

from medflow.domain.errors import Invalid, NotPossible

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


def pg_program(name: str) -> str:
    """Find pg_dump/pg_restore: MEDFLOW_PG_BIN, then PATH, then the newest Debian PostgreSQL."""
    if configured := os.environ.get("MEDFLOW_PG_BIN"):
        return str(Path(configured) / name)
    if found := shutil.which(name):
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if not versions:
        raise NotPossible(f"{name} was not found: install the PostgreSQL client (postgresql-client) "
                          "or set MEDFLOW_PG_BIN to the folder that holds it.")
    return str(versions[-1])


def libpq_url(engine: Engine) -> str:
    """Return the database's URL as libpq programs read it: no driver name, no password (see _pg_env)."""
    return engine.url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _pg_env(engine: Engine) -> dict[str, str]:
    """Pass the password in the environment, not on the command line (where `ps` would show it)."""
    env = dict(os.environ)
    if engine.url.password:
        env["PGPASSWORD"] = str(engine.url.password)
    return env


def _sqlite_path(engine: Engine) -> str:
    database = make_url(str(engine.url)).database
    if not database or database == ":memory:":
        raise Invalid("An in-memory SQLite database cannot be backed up.")
    return database


def backup(engine: Engine, target: Path) -> str:
    """Write a consistent copy of the live database to `target`; return the kind ('sqlite'/'postgresql')."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(_sqlite_path(engine), timeout=30)
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)  # page by page, consistent even while others write
        finally:
            copy.close()
            source.close()
        return "sqlite"
    _run([pg_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), libpq_url(engine)],
         _pg_env(engine))
    return "postgresql"


def _kind_of(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise Invalid(f"{path} is neither a medflow SQLite backup nor a PostgreSQL custom-format dump.")


def restore(engine: Engine, source: Path, *, replace: bool = False) -> None:
    """Load a backup into the database; refuse a database that already has tables unless `replace`."""
    if not source.is_file():
        raise Invalid(f"{source} does not exist.")
    kind = _kind_of(source)
    if kind != engine.dialect.name:
        raise Invalid(f"{source} is a {kind} backup but DATABASE_URL points at {engine.dialect.name}.")
    if inspect(engine).get_table_names() and not replace:
        raise NotPossible("The database is not empty; restore into an empty database "
                          "or pass --replace to overwrite it.")
    engine.dispose()
    if kind == "sqlite":
        backup_file = sqlite3.connect(source)
        live = sqlite3.connect(_sqlite_path(engine), timeout=30)
        try:
            backup_file.backup(live)
        finally:
            live.close()
            backup_file.close()
        return
    flags = ["--clean", "--if-exists"] if replace else []
    _run([pg_program("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction", *flags,
          "--dbname", libpq_url(engine), str(source)], _pg_env(engine))


def _run(args: list[str], env: dict[str, str]) -> None:
    """Run a PostgreSQL client program; a failure becomes NotPossible with its message."""
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise NotPossible(f"{Path(args[0]).name} failed: {done.stderr.strip()}")
