"""The Alembic migrations build the whole schema from an empty database, equal to the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from medflow import create_app
from medflow.extensions import db
from medflow.persistence import search
from medflow.persistence.models import Base
from tests.migration_data import fts_agrees


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
        triggers = {" ".join(sql.split()) for sql in db.session.scalars(text(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_documents'"))
            } if dialect == "sqlite" else set()
        db.session.remove()
        db.engine.dispose()
    if dialect == "sqlite":
        assert search.FTS in names
        assert triggers == {" ".join(sql.split()) for sql in search.SQLITE if sql.startswith("CREATE TRIGGER")}
    else:
        assert "terms" in columns and "ix_search_documents_terms" in indexes


def test_an_sqlite_database_built_by_the_migrations_keeps_its_full_text_index(tmp_path):
    """`searchkinds01` copied `search_documents` in batch mode, which dropped its triggers: documents
    written after it never reached the index. `searchau01` puts the triggers back and rebuilds it."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}"})
    document = ("INSERT INTO search_documents (kind, ref_id, public, title, body, title_terms, body_terms, "
                "updated_at) VALUES ('case', {n}, 0, 'Støj', '', '{terms}', '', '2026-12-06 07:00:00')")
    with app.app_context():
        upgrade(revision="awork01")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(document.format(n=1, terms="stoej"))
        lost = not fts_agrees(db.engine)
        upgrade()
        with db.engine.begin() as conn:
            conn.exec_driver_sql(document.format(n=2, terms="ventilation"))
            conn.exec_driver_sql("UPDATE search_documents SET title_terms = 'traek' WHERE ref_id = 2")
            found = {term: conn.exec_driver_sql(f"SELECT rowid FROM search_fts WHERE search_fts MATCH '{term}'")
                     .scalars().all() for term in ("stoej", "ventilation", "traek")}
        agrees = fts_agrees(db.engine)
        db.session.remove()
        db.engine.dispose()
    assert lost  # the old chain left the first document out of the index
    assert agrees and found == {"stoej": [1], "ventilation": [], "traek": [2]}
