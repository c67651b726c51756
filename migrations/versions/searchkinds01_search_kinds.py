"""search kinds: agenda items, approved minutes, news stories and cascades join the search index

Revision ID: searchkinds01
Revises: plan01

Two columns: `source_id` (the meeting or cascade a document is rebuilt from) and `public` (approved
minutes its page shows beyond the committee). The new kinds start empty: run `medflow search reindex`
once after upgrading (`medflow doctor` says so until then).
"""
import sqlalchemy as sa
from alembic import op

revision = "searchkinds01"
down_revision = "plan01"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index("ix_search_documents_source", ["kind", "source_id"], unique=False)


def downgrade():
    # the documents of the new kinds stay: the search before this revision reads only kind 'case'
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_search_documents_source")
        batch_op.drop_column("public")
        batch_op.drop_column("source_id")
