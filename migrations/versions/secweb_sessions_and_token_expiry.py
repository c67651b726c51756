"""sessions end server-side; API tokens expire and record their last use

Revision ID: secweb01
Revises: ops01
Create Date: 2026-12-02 11:15:00

"""
import secrets
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'secweb01'
down_revision = "ops01"
branch_labels = None
depends_on = None

TOKEN_DAYS = 90  # tokens issued before this revision expire this long after it


def upgrade():
    # Nullable, and no table rebuild: SQLite cannot rebuild `people` while other rows point at it.
    op.add_column('people', sa.Column('session_token', sa.String(length=64), nullable=True))
    people = sa.table('people', sa.column('id', sa.Integer()), sa.column('session_token', sa.String()))
    connection = op.get_bind()
    for (person_id,) in connection.execute(sa.select(people.c.id)).all():  # each their own token
        connection.execute(people.update().where(people.c.id == person_id)
                           .values(session_token=secrets.token_urlsafe(24)))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_used_at', sa.DateTime(), nullable=True))
    expiry = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=TOKEN_DAYS)
    tokens = sa.table('api_tokens', sa.column('expires_at', sa.DateTime()))
    op.execute(tokens.update().values(expires_at=expiry))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('expires_at', existing_type=sa.DateTime(), nullable=False)


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('last_used_at')
        batch_op.drop_column('expires_at')
    op.drop_column('people', 'session_token')
