"""the guideline register's changes of standing, the side of each membership, theme days (guidelines01)

Revision ID: guidelines01
Revises: perfinbox01
Create Date: 2026-12-05 21:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'guidelines01'
down_revision = "perfinbox01"
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


def upgrade():
    _guideline_changes()
    _membership_sides()


def downgrade():
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('side')
    op.drop_index('ix_guideline_changes_case', table_name='guideline_changes')
    op.drop_table('guideline_changes')
