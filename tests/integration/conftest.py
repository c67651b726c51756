"""Fixtures for the integration tests that need a database with no schema yet."""

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import DATABASES
from tests.pgcluster import with_database

EMPTY_DB = "medflow_migrations"


@pytest.fixture(params=DATABASES)
def empty_database_url(request, tmp_path):
    """Yield the URL of a database with no tables: a new SQLite file or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url = request.getfixturevalue("pg_url")
    admin = create_engine(with_database(url, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {EMPTY_DB}"))
        conn.execute(text(f"CREATE DATABASE {EMPTY_DB}"))
    yield with_database(url, EMPTY_DB)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {EMPTY_DB} WITH (FORCE)"))
    admin.dispose()
