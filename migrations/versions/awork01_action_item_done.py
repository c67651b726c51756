"""an action-plan item's done date, so "done" and "overdue" are facts (awork)

Revision ID: awork01
Revises: pack01
Create Date: 2026-12-05 22:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'awork01'
down_revision = "pack01"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.drop_column('done_on')
