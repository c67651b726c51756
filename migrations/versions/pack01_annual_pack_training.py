"""the annual work-environment discussion's pack per committee and year, training records, when a role began

Revision ID: pack01
Revises: searchkinds01
Create Date: 2026-12-05 21:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'pack01'
down_revision = "searchkinds01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'training_records',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('course', sa.String(length=30), nullable=False),
        sa.Column('taken_on', sa.Date(), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('entered_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_training_records_person_id_people'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['entered_by_id'], ['people.id'],
                                name=op.f('fk_training_records_entered_by_id_people'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_training_records')),
        sa.UniqueConstraint('person_id', 'course', 'taken_on',
                            name=op.f('uq_training_records_person_id')),
    )
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_records_person_id'), ['person_id'], unique=False)
    op.create_table(
        'annual_packs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=True),
        sa.Column('collaboration', sa.Text(), nullable=False),
        sa.Column('meeting_intervals', sa.Text(), nullable=False),
        sa.Column('competence_plan', sa.Text(), nullable=False),
        sa.Column('next_goals', sa.JSON(), nullable=False),
        sa.Column('frozen_at', sa.DateTime(), nullable=True),
        sa.Column('snapshot', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['committee_id'], ['committees.id'],
                                name=op.f('fk_annual_packs_committee_id_committees')),
        sa.ForeignKeyConstraint(['item_id'], ['meeting_items.id'], name=op.f('fk_annual_packs_item_id_meeting_items'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_packs')),
        sa.UniqueConstraint('committee_id', 'year', name=op.f('uq_annual_packs_committee_id')),
    )
    with op.batch_alter_table('annual_packs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_packs_committee_id'), ['committee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_annual_packs_item_id'), ['item_id'], unique=False)
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('since', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('since')
    with op.batch_alter_table('annual_packs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annual_packs_item_id'))
        batch_op.drop_index(batch_op.f('ix_annual_packs_committee_id'))
    op.drop_table('annual_packs')
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_records_person_id'))
    op.drop_table('training_records')
