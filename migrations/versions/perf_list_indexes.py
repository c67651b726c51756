"""indexes that match each list's filter and order; the stored inbox group (perf)

Revision ID: perf01
Revises: secweb01
Create Date: 2026-12-02 11:25:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'perf01'
down_revision = "secweb01"
branch_labels = None
depends_on = None


# The first state of each shipped workflow (a case there, with no meeting date, is "new").
INITIAL_STATES = {"question": "submitted", "work_environment": "reported", "cascade": "received"}


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inbox_group', sa.SmallInteger(), server_default=sa.text('0'),
                                      nullable=False))
    is_new = " OR ".join(f"(workflow = '{wf}' AND state = '{st}')" for wf, st in INITIAL_STATES.items())
    op.execute("UPDATE cases SET inbox_group = CASE WHEN closed_at IS NOT NULL THEN 3 "
               f"WHEN meeting_date IS NOT NULL THEN 2 WHEN {is_new} THEN 0 ELSE 1 END")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_holder_inbox',
                              ['holder_id', 'inbox_group', 'meeting_date', 'updated_at', 'id'], unique=False)
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
        batch_op.drop_index('ix_cases_holder_inbox')
        batch_op.drop_column('inbox_group')
