"""The Alembic migrations build the whole schema from an empty database, equal to the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect

from medflow import create_app
from medflow.extensions import db
from medflow.persistence import search
from medflow.persistence.models import Base


def test_migrations_create_the_schema_the_models_describe(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={
                "compare_type": True, "compare_server_default": True,
                "include_object": search.outside_the_models, "include_name": search.outside_the_models_name})
            differences = compare_metadata(context, Base.metadata)
        tables = {t for t in inspect(db.engine).get_table_names() if not search.is_index_table(t)}
        db.session.remove()
        db.engine.dispose()
    assert differences == []
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_migrations_create_the_full_text_index_the_test_schema_has(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        names = set(inspect(db.engine).get_table_names())
        columns = {c["name"] for c in inspect(db.engine).get_columns("search_documents")}
        indexes = {i["name"] for i in inspect(db.engine).get_indexes("search_documents")}
        dialect = db.engine.dialect.name
        db.session.remove()
        db.engine.dispose()
    if dialect == "sqlite":
        assert search.FTS in names
    else:
        assert "terms" in columns and "ix_search_documents_terms" in indexes
