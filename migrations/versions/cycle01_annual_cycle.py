"""the annual cycle: a committee's recurring items, and agenda items marked as coming from it (cycle01)

Revision ID: cycle01
Revises: guidelines01
Create Date: 2026-12-05 21:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'cycle01'
down_revision = "guidelines01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'cycle_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('month', sa.Integer(), nullable=True),
        sa.Column('quarter', sa.Integer(), nullable=True),
        sa.Column('every_years', sa.Integer(), nullable=False),
        sa.Column('start_year', sa.Integer(), nullable=True),
        sa.Column('template', sa.Text(), nullable=False),
        sa.Column('placed_month', sa.Integer(), nullable=True),
        sa.Column('source_id', sa.Integer(), nullable=True),
        sa.Column('cascade_id', sa.Integer(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['committee_id'], ['committees.id'],
                                name=op.f('fk_cycle_items_committee_id_committees')),
        sa.ForeignKeyConstraint(['source_id'], ['cycle_items.id'],
                                name=op.f('fk_cycle_items_source_id_cycle_items')),
        sa.ForeignKeyConstraint(['cascade_id'], ['cascades.id'],
                                name=op.f('fk_cycle_items_cascade_id_cascades')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_items')),
    )
    with op.batch_alter_table('cycle_items', schema=None) as batch_op:
        for column in ('committee_id', 'source_id', 'cascade_id'):
            batch_op.create_index(batch_op.f(f'ix_cycle_items_{column}'), [column], unique=False)
    with op.batch_alter_table('meeting_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle_item_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_meeting_items_cycle_item_id'), ['cycle_item_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_meeting_items_cycle_item_id_cycle_items'), 'cycle_items',
                                    ['cycle_item_id'], ['id'])


def downgrade():
    with op.batch_alter_table('meeting_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_meeting_items_cycle_item_id_cycle_items'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_meeting_items_cycle_item_id'))
        batch_op.drop_column('cycle_item_id')
    with op.batch_alter_table('cycle_items', schema=None) as batch_op:
        for column in ('cascade_id', 'source_id', 'committee_id'):
            batch_op.drop_index(batch_op.f(f'ix_cycle_items_{column}'))
    op.drop_table('cycle_items')
