"""meeting mail is a kind of mail: a mode per person for meeting notices (default: at once)

Revision ID: meetmail01
Revises: meetcal01

Existing rows get "now", which is how meeting mail was sent before it could be chosen.
"""
import sqlalchemy as sa
from alembic import op

revision = "meetmail01"
down_revision = "meetcal01"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("mail_preferences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meetings", sa.String(length=10), server_default="now", nullable=False))


def downgrade():
    with op.batch_alter_table("mail_preferences", schema=None) as batch_op:
        batch_op.drop_column("meetings")
