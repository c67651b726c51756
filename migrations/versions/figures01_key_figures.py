"""key figures per workplace: sickness absence, wellbeing survey results, risk reports, staff turnover

Revision ID: figures01
Revises: search01

Four new tables, empty until `medflow figures import` (or the admin upload) fills them.
"""
import sqlalchemy as sa
from alembic import op

revision = "figures01"
down_revision = "search01"
branch_labels = None
depends_on = None

TABLES = {
    "figures_sickness": [sa.Column("month", sa.Integer(), nullable=False),
                         sa.Column("days", sa.Float(), nullable=False),
                         sa.Column("fte", sa.Float(), nullable=False)],
    "figures_wellbeing": [sa.Column("dimension", sa.String(length=120), nullable=False),
                          sa.Column("score", sa.Float(), nullable=False),
                          sa.Column("responses", sa.Integer(), nullable=False)],
    "figures_risk": [sa.Column("month", sa.Integer(), nullable=False),
                     sa.Column("reports", sa.Integer(), nullable=False),
                     sa.Column("employees", sa.Integer(), nullable=True)],
    "figures_turnover": [sa.Column("leavers", sa.Integer(), nullable=False),
                         sa.Column("headcount", sa.Float(), nullable=False)],
}
PERIOD = {"figures_sickness": ("year", "month"), "figures_wellbeing": ("year", "dimension"),
          "figures_risk": ("year", "month"), "figures_turnover": ("year",)}


def upgrade():
    for table, columns in TABLES.items():
        op.create_table(
            table,
            *columns,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("committee_id", sa.Integer(), nullable=False),
            sa.Column("year", sa.Integer(), nullable=False),
            sa.Column("imported_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["committee_id"], ["committees.id"],
                                    name=op.f(f"fk_{table}_committee_id_committees")),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint("committee_id", *PERIOD[table], name=op.f(f"uq_{table}_period")),
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_committee_id"), ["committee_id"], unique=False)


def downgrade():
    for table in reversed(list(TABLES)):
        op.drop_table(table)
