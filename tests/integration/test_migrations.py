"""The Alembic migrations build the whole schema from an empty database, equal to the models."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text

from medflow import create_app
from medflow.extensions import db
from medflow.persistence.models import Base
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


def test_migrations_create_the_schema_the_models_describe(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                              "compare_server_default": True})
            differences = compare_metadata(context, Base.metadata)
        tables = set(inspect(db.engine).get_table_names())
        db.session.remove()
        db.engine.dispose()
    assert differences == []
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
