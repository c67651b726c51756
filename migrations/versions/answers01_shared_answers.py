"""answers shared with every employee, and the new-case form's suggestions shown (answers)

Revision ID: answers01
Revises: goals01
Create Date: 2026-12-05 21:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'answers01'
down_revision = "goals01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'shared_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=80), nullable=True),
        sa.Column('level', sa.String(length=40), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('terms', sa.Text(), nullable=False),
        sa.Column('shared_at', sa.DateTime(), nullable=False),
        sa.Column('shared_by_id', sa.Integer(), nullable=True),
        sa.Column('unshared_at', sa.DateTime(), nullable=True),
        sa.Column('unshared_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_shared_answers_case_id_cases')),
        sa.ForeignKeyConstraint(['committee_id'], ['committees.id'],
                                name=op.f('fk_shared_answers_committee_id_committees')),
        sa.ForeignKeyConstraint(['shared_by_id'], ['people.id'], name=op.f('fk_shared_answers_shared_by_id_people')),
        sa.ForeignKeyConstraint(['unshared_by_id'], ['people.id'],
                                name=op.f('fk_shared_answers_unshared_by_id_people')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_answers')),
    )
    with op.batch_alter_table('shared_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shared_answers_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shared_answers_committee_id'), ['committee_id'], unique=False)
        batch_op.create_index('ix_shared_answers_live', ['unshared_at', 'shared_at', 'id'], unique=False)
        batch_op.create_index('ix_shared_answers_topic', ['topic', 'unshared_at', 'shared_at'], unique=False)
    op.create_table(
        'suggestion_shows',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=40), nullable=False),
        sa.Column('via', sa.String(length=10), nullable=False),
        sa.Column('shown_at', sa.DateTime(), nullable=False),
        sa.Column('answers', sa.Integer(), nullable=False),
        sa.Column('offers', sa.Integer(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_suggestion_shows_case_id_cases')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion_shows')),
        sa.UniqueConstraint('token', name=op.f('uq_suggestion_shows_token')),
    )
    with op.batch_alter_table('suggestion_shows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestion_shows_shown_at'), ['shown_at'], unique=False)


def downgrade():
    with op.batch_alter_table('suggestion_shows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestion_shows_shown_at'))
    op.drop_table('suggestion_shows')
    with op.batch_alter_table('shared_answers', schema=None) as batch_op:
        batch_op.drop_index('ix_shared_answers_topic')
        batch_op.drop_index('ix_shared_answers_live')
        batch_op.drop_index(batch_op.f('ix_shared_answers_committee_id'))
        batch_op.drop_index(batch_op.f('ix_shared_answers_case_id'))
    op.drop_table('shared_answers')
