"""history append-only triggers, anonymisation (retention) columns

The case history is refused UPDATE and DELETE by a trigger on SQLite and PostgreSQL (the same
SQL as medflow/persistence/history_guard.py, copied so this revision stays as it was written);
`history_unlocks` is the narrow unlock the anonymisation uses inside its own transaction;
a case's submitter may be NULL once it is anonymised, and `anonymised_at` says when.

Revision ID: data01
Revises: ux01
Create Date: 2026-12-02 10:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'data01'
down_revision = 'ux01'
branch_labels = None
depends_on = None

FIXED = ("id", "case_id", "seq", "event", "from_state", "to_state", "from_committee_id",
         "to_committee_id", "created_at")
REFUSED = "case_events is append-only"
_SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FIXED)
SQLITE = (
    f"CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE refused'); END",
    f"CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events "
    f"WHEN NOT EXISTS (SELECT 1 FROM history_unlocks u WHERE u.case_id = OLD.case_id) "
    f"OR {_SQLITE_CHANGED} OR (NEW.actor_id IS NOT OLD.actor_id AND NEW.actor_id IS NOT NULL) "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE refused'); END",
)
_PG_NEW = ", ".join(f"NEW.{c}" for c in FIXED)
_PG_OLD = ", ".join(f"OLD.{c}" for c in FIXED)
POSTGRESQL = (
    "CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF TG_OP = 'UPDATE' "
    "AND EXISTS (SELECT 1 FROM history_unlocks u WHERE u.case_id = OLD.case_id) "
    f"AND ({_PG_NEW}) IS NOT DISTINCT FROM ({_PG_OLD}) "
    "AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id) THEN RETURN NEW; END IF; "
    f"RAISE EXCEPTION '{REFUSED}: % refused', TG_OP; "
    "END $$",
    "CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events "
    "FOR EACH ROW EXECUTE FUNCTION case_events_append_only()",
)
DROP = {
    "sqlite": ("DROP TRIGGER IF EXISTS case_events_no_delete",
               "DROP TRIGGER IF EXISTS case_events_no_update"),
    "postgresql": ("DROP TRIGGER IF EXISTS case_events_append_only ON case_events",
                   "DROP FUNCTION IF EXISTS case_events_append_only()"),
}


def upgrade():
    op.create_table('history_unlocks',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_history_unlocks_case_id_cases')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_history_unlocks'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))
        batch_op.alter_column('submitter_id', existing_type=sa.INTEGER(), nullable=True)

    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(dialect, ()):
        op.execute(statement)


def downgrade():
    # An anonymised case has no submitter, which the older schema cannot hold: refuse clearly.
    anonymised = op.get_bind().execute(sa.text("SELECT count(*) FROM cases WHERE submitter_id IS NULL")).scalar()
    if anonymised:
        raise RuntimeError(f"{anonymised} anonymised case(s) have no submitter; "
                           "revision 108b7654b5c4 cannot hold them, so the downgrade stops here.")
    for statement in DROP.get(op.get_bind().dialect.name, ()):
        op.execute(statement)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('submitter_id', existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column('anonymised_at')

    op.drop_table('history_unlocks')
