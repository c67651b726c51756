"""indexes that match each list's filter and order (perf)

Revision ID: perf01
Revises: 108b7654b5c4
Create Date: 2026-12-02 11:25:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'perf01'
down_revision = '108b7654b5c4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_holder_closed', ['holder_id', 'closed_at'], unique=False)
        batch_op.create_index('ix_cases_holder_created', ['holder_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_cases_submitter_updated', ['submitter_id', 'updated_at', 'id'], unique=False)
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_person_created', ['person_id', 'created_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_person_created')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_submitter_updated')
        batch_op.drop_index('ix_cases_holder_created')
        batch_op.drop_index('ix_cases_holder_closed')
