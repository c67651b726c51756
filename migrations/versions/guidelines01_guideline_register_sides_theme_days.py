"""the guideline register's changes of standing, the side of each membership, theme days (guidelines01)

Revision ID: guidelines01
Revises: answers01
Create Date: 2026-12-05 21:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'guidelines01'
down_revision = "answers01"
branch_labels = None
depends_on = None


def _guideline_changes():
    op.create_table(
        'guideline_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('replaced_by_id', sa.Integer(), nullable=True),
        sa.Column('effective_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_guideline_changes_case_id_cases')),
        sa.ForeignKeyConstraint(['replaced_by_id'], ['cases.id'],
                                name=op.f('fk_guideline_changes_replaced_by_id_cases')),
        sa.ForeignKeyConstraint(['actor_id'], ['people.id'], name=op.f('fk_guideline_changes_actor_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_guideline_changes')),
    )
    op.create_index('ix_guideline_changes_case', 'guideline_changes', ['case_id', 'id'], unique=False)


def _membership_sides():
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('side', sa.String(length=20), server_default='employee', nullable=False))
    # the side the role implies (domain.sides): the chair sits for management
    op.execute("UPDATE memberships SET side = 'management' WHERE role = 'chair'")


def _theme_days():
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='committee', nullable=False))
        batch_op.add_column(sa.Column('title', sa.String(length=200), nullable=True))
    op.create_table(
        'meeting_target_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('audience', sa.String(length=20), nullable=False),
        sa.Column('committee_id', sa.Integer(), nullable=True),
        sa.Column('label', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_target_groups_meeting_id_meetings')),
        sa.ForeignKeyConstraint(['committee_id'], ['committees.id'],
                                name=op.f('fk_meeting_target_groups_committee_id_committees')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_target_groups')),
    )
    op.create_index(op.f('ix_meeting_target_groups_meeting_id'), 'meeting_target_groups', ['meeting_id'])
    op.create_table(
        'meeting_signups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('coming', sa.Boolean(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_signups_meeting_id_meetings')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_meeting_signups_person_id_people'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_signups')),
        sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_meeting_signups_meeting_id')),
    )
    op.create_index(op.f('ix_meeting_signups_meeting_id'), 'meeting_signups', ['meeting_id'])
    op.create_index(op.f('ix_meeting_signups_person_id'), 'meeting_signups', ['person_id'])


def upgrade():
    _guideline_changes()
    _membership_sides()
    _theme_days()


def downgrade():
    op.drop_table('meeting_signups')
    op.drop_table('meeting_target_groups')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('title')
        batch_op.drop_column('kind')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('side')
    op.drop_index('ix_guideline_changes_case', table_name='guideline_changes')
    op.drop_table('guideline_changes')
