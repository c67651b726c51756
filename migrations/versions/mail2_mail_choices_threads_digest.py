"""mail: choices per person and kind, digest time, outbox threading/HTML/unsubscribe columns, pruning

Revision ID: mail201
Revises: 108b7654b5c4

Rows already in the outbox keep their columns and get the new ones empty: they are sent as before.
"""
from alembic import op
import sqlalchemy as sa


revision = "mail201"
down_revision = "108b7654b5c4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mail_preferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("submitted", sa.String(length=10), server_default="now", nullable=False),
        sa.Column("committees", sa.String(length=10), server_default="digest", nullable=False),
        sa.Column("deadlines", sa.String(length=10), server_default="now", nullable=False),
        sa.Column("information", sa.String(length=10), server_default="digest", nullable=False),
        sa.Column("digest_hour", sa.Integer(), server_default="7", nullable=False),
        sa.Column("last_digest_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_mail_preferences_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_preferences")),
        sa.UniqueConstraint("person_id", name=op.f("uq_mail_preferences_person_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("message_id", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("html", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("headers", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("pruned_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbox_person_id"), ["person_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_outbox_person_id_people"), "people", ["person_id"], ["id"],
                                    ondelete="SET NULL")
        batch_op.create_foreign_key(batch_op.f("fk_outbox_case_id_cases"), "cases", ["case_id"], ["id"])


def downgrade():
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_outbox_case_id_cases"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_outbox_person_id_people"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_outbox_person_id"))
        for column in ("pruned_at", "headers", "html", "message_id", "case_id", "person_id"):
            batch_op.drop_column(column)
    op.drop_table("mail_preferences")
