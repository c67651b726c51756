"""SQLite: the full-text index's triggers again, the UPDATE one for the terms only; the index rebuilt

`searchkinds01` altered `search_documents` in batch mode, which on SQLite copies the table and drops
its triggers: since then a database built by the migrations kept no full-text index of new or changed
documents. This puts the three triggers back and rebuilds the index from the documents.

The UPDATE trigger now fires for the terms only: every case event updates its document's state and
committee, and deleting and re-adding its unchanged terms in the index was most of that statement.

Revision ID: searchau01
Revises: awork01
Create Date: 2026-12-06 07:00:00

"""
from alembic import op

revision = "searchau01"
down_revision = "awork01"
branch_labels = None
depends_on = None

_DELETE = ("INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms) "
           "VALUES ('delete', old.id, old.title_terms, old.body_terms);")
_INSERT = "INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);"
_TRIGGERS = {
    "ai": f"AFTER INSERT ON search_documents BEGIN {_INSERT} END",
    "ad": f"AFTER DELETE ON search_documents BEGIN {_DELETE} END",
}


def _triggers(on_update: str) -> None:
    """Drop and create the three triggers (the UPDATE one `on_update`), then rebuild the index."""
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's terms are a generated column: nothing to follow
    for name, body in {**_TRIGGERS, "au": f"{on_update} ON search_documents BEGIN {_DELETE} {_INSERT} END"}.items():
        op.execute(f"DROP TRIGGER IF EXISTS search_documents_{name}")
        op.execute(f"CREATE TRIGGER search_documents_{name} {body}")
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def upgrade():
    _triggers("AFTER UPDATE OF title_terms, body_terms")


def downgrade():
    _triggers("AFTER UPDATE")
