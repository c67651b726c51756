"""the cases each committee sent on, with when they closed, for a bounded "Sendt videre" (perfinbox)

Revision ID: perfinbox01
Revises: figures01
Create Date: 2026-12-05 19:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'perfinbox01'
down_revision = "figures01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sent_on',
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_sent_on_case_id_cases')),
        sa.ForeignKeyConstraint(['committee_id'], ['committees.id'],
                                name=op.f('fk_sent_on_committee_id_committees')),
        sa.PrimaryKeyConstraint('committee_id', 'case_id', name=op.f('pk_sent_on')),
    )
    with op.batch_alter_table('sent_on', schema=None) as batch_op:
        batch_op.create_index('ix_sent_on_committee_closed', ['committee_id', 'closed_at', 'sent_at', 'case_id'],
                                unique=False)
        batch_op.create_index(batch_op.f('ix_sent_on_case_id'), ['case_id'], unique=False)
    # every forward in the history so far (an escalation is recorded as a forward too)
    op.execute(
        "INSERT INTO sent_on (committee_id, case_id, sent_at, closed_at) "
        "SELECT e.from_committee_id, e.case_id, max(e.created_at), max(c.closed_at) FROM case_events e "
        "JOIN cases c ON c.id = e.case_id "
        "WHERE e.event = 'forward' AND e.from_committee_id IS NOT NULL "
        "AND e.from_committee_id <> e.to_committee_id GROUP BY e.from_committee_id, e.case_id"
    )


def downgrade():
    with op.batch_alter_table('sent_on', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sent_on_case_id'))
        batch_op.drop_index('ix_sent_on_committee_closed')
    op.drop_table('sent_on')
