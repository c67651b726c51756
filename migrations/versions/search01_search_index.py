"""search: an index of what can be found (cases today), stemmed; FTS5 on SQLite, tsvector + GIN on PostgreSQL

Revision ID: search01
Revises: meetmail01

The SQL is the same as medflow/persistence/search.py's, copied so this revision stays as it was
written. The index starts empty: run `medflow search reindex` once after upgrading (it fills it
from the cases; from then on every change of a case keeps it up to date).
"""
import sqlalchemy as sa
from alembic import op

revision = "search01"
down_revision = "meetmail01"
branch_labels = None
depends_on = None

_DELETE = ("INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms) "
           "VALUES ('delete', old.id, old.title_terms, old.body_terms);")
_INSERT = "INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);"
SQLITE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_terms, body_terms, content='search_documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN {_INSERT} END",
    f"CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN {_DELETE} END",
    f"CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN {_DELETE} {_INSERT} END",
)
POSTGRESQL = (
    "ALTER TABLE search_documents ADD COLUMN terms tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED",
    "CREATE INDEX ix_search_documents_terms ON search_documents USING gin (terms)",
)


def upgrade():
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("committee_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=80), nullable=True),
        sa.Column("state", sa.String(length=40), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("title_terms", sa.Text(), nullable=False),
        sa.Column("body_terms", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["committee_id"], ["committees.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "ref_id"),
    )
    op.create_index("ix_search_documents_case_id", "search_documents", ["case_id"], unique=False)
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS search_documents_{trigger}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index("ix_search_documents_case_id", table_name="search_documents")
    op.drop_table("search_documents")
