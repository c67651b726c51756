"""The sessions/token-expiry migration fills in existing people and tokens, and goes down again."""

from datetime import UTC, datetime, timedelta

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from medflow import create_app
from medflow.extensions import db

BEFORE = "ops01"  # the revision before the sessions/token-expiry one


def test_existing_people_and_tokens_are_filled_in(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            for n in (1, 2):
                conn.execute(text("INSERT INTO people (id, email, name, is_admin, active, email_opt_out, "
                                  "created_at) VALUES (:n, :e, 'P', false, true, false, :t)"),
                             {"n": n, "e": f"p{n}@example.dk", "t": datetime(2026, 1, 1)})
            conn.execute(text("INSERT INTO api_tokens (person_id, token_hash, prefix, created_at) "
                              "VALUES (1, 'h', 'mf_x', :t)"), {"t": datetime(2026, 1, 1)})
        upgrade()
        with db.engine.connect() as conn:
            tokens = conn.execute(text("SELECT session_token FROM people ORDER BY id")).scalars().all()
            expires = conn.execute(text("SELECT expires_at FROM api_tokens")).scalar_one()
        downgrade(revision=BEFORE)
        schema = inspect(db.engine)
        columns = {c["name"] for table in ("people", "api_tokens") for c in schema.get_columns(table)}
        db.session.remove()
        db.engine.dispose()
    assert not columns & {"session_token", "expires_at", "last_used_at"}
    assert len(set(tokens)) == 2 and all(len(t) >= 32 for t in tokens)
    if isinstance(expires, str):  # SQLite hands back text
        expires = datetime.fromisoformat(expires)
    soon = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=90)
    assert abs(expires - soon) < timedelta(minutes=5)
