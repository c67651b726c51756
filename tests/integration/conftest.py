"""Fixtures for the integration tests that need a database with no schema yet."""

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import DATABASES

EMPTY_DB = "medflow_migrations"


@pytest.fixture(params=DATABASES)
def empty_database_url(request, tmp_path):
    """Yield the URL of a database with no tables: a new SQLite file or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server = request.getfixturevalue("pg_url").rsplit("/", 1)[0]
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {EMPTY_DB}"))
        conn.execute(text(f"CREATE DATABASE {EMPTY_DB}"))
    yield f"{server}/{EMPTY_DB}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {EMPTY_DB} WITH (FORCE)"))
    admin.dispose()
