"""goals a committee sets (annual work-environment discussion, strategy plan) and their dated follow-up notes

Revision ID: goals01
Revises: perfinbox01
Create Date: 2026-12-05 21:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'goals01'
down_revision = "perfinbox01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'goals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_goals_committee_id_committees')),
        sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_goals_owner_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_goals')),
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goals_committee_id'), ['committee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goals_year'), ['year'], unique=False)
    op.create_table(
        'goal_notes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('goal_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['by_id'], ['people.id'], name=op.f('fk_goal_notes_by_id_people')),
        sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_goal_notes_goal_id_goals')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_notes')),
    )
    with op.batch_alter_table('goal_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_notes_goal_id'), ['goal_id'], unique=False)


def downgrade():
    with op.batch_alter_table('goal_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_notes_goal_id'))
    op.drop_table('goal_notes')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goals_year'))
        batch_op.drop_index(batch_op.f('ix_goals_committee_id'))
    op.drop_table('goals')
