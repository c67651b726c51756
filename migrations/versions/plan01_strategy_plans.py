"""strategy plans: subjects (focus areas), initiatives with dated status notes and links; goals and cases point to a subject

Revision ID: plan01
Revises: cycle01
Create Date: 2026-12-05 21:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'plan01'
down_revision = "cycle01"
branch_labels = None
depends_on = None


def _index(table, column):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def upgrade():
    op.create_table(
        'plans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('committee_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('vision', sa.Text(), nullable=False),
        sa.Column('start_year', sa.Integer(), nullable=True),
        sa.Column('end_year', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_plans_committee_id_committees')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    )
    _index('plans', 'committee_id')
    op.create_table(
        'plan_subjects',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('intro', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_subjects_plan_id_plans')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_subjects')),
    )
    _index('plan_subjects', 'plan_id')
    op.create_table(
        'plan_initiatives',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('periods', sa.Text(), nullable=False),
        sa.Column('responsible', sa.String(length=200), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('decision', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['subject_id'], ['plan_subjects.id'],
                                name=op.f('fk_plan_initiatives_subject_id_plan_subjects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_initiatives')),
    )
    _index('plan_initiatives', 'subject_id')
    op.create_table(
        'plan_initiative_notes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('initiative_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('decision', sa.Text(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['by_id'], ['people.id'], name=op.f('fk_plan_initiative_notes_by_id_people')),
        sa.ForeignKeyConstraint(['initiative_id'], ['plan_initiatives.id'],
                                name=op.f('fk_plan_initiative_notes_initiative_id_plan_initiatives')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_initiative_notes')),
    )
    _index('plan_initiative_notes', 'initiative_id')
    op.create_table(
        'plan_initiative_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('initiative_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('cascade_id', sa.Integer(), nullable=True),
        sa.Column('meeting_item_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_plan_initiative_links_case_id_cases')),
        sa.ForeignKeyConstraint(['cascade_id'], ['cascades.id'],
                                name=op.f('fk_plan_initiative_links_cascade_id_cascades')),
        sa.ForeignKeyConstraint(['initiative_id'], ['plan_initiatives.id'],
                                name=op.f('fk_plan_initiative_links_initiative_id_plan_initiatives')),
        sa.ForeignKeyConstraint(['meeting_item_id'], ['meeting_items.id'],
                                name=op.f('fk_plan_initiative_links_meeting_item_id_meeting_items')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_initiative_links')),
    )
    _index('plan_initiative_links', 'initiative_id')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_goals_subject_id'), ['subject_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_goals_subject_id_plan_subjects'), 'plan_subjects',
                                    ['subject_id'], ['id'])
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('focus_area_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_cases_focus_area_id_plan_subjects'), 'plan_subjects',
                                    ['focus_area_id'], ['id'])


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_focus_area_id_plan_subjects'), type_='foreignkey')
        batch_op.drop_column('focus_area_id')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_goals_subject_id_plan_subjects'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_goals_subject_id'))
        batch_op.drop_column('subject_id')
    for table, column in (('plan_initiative_links', 'initiative_id'), ('plan_initiative_notes', 'initiative_id'),
                          ('plan_initiatives', 'subject_id'), ('plan_subjects', 'plan_id'), ('plans', 'committee_id')):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
        op.drop_table(table)
