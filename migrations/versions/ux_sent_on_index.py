"""Index the history by the committee a case came from, for the "sent on" lists.

Revision ID: ux01
Revises: mail201
Create Date: 2026-12-02 11:05:00
"""

from alembic import op

revision = "ux01"
down_revision = "mail201"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_events") as batch:
        batch.create_index("ix_case_events_from_committee", ["from_committee_id", "case_id"])


def downgrade():
    with op.batch_alter_table("case_events") as batch:
        batch.drop_index("ix_case_events_from_committee")
