"""The database refuses raw UPDATE and DELETE on the case history, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services import cases as case_service


def _history(conn) -> list[tuple]:
    return conn.execute(text("SELECT * FROM case_events ORDER BY id")).all()


@pytest.fixture
def case_id(app, org, session) -> int:
    """Submit one case (its history has one row) and return its id."""
    anna = session.query(Person).filter_by(email="anna@example.dk").one()
    new = case_service.NewCase(workflow="question", title="Støj i kantinen", description="Meget støj")
    return case_service.submit_case(session, app.extensions["medflow.engines"], anna, new).id


@pytest.mark.parametrize("statement", [
    "UPDATE case_events SET comment = 'omskrevet'",
    "UPDATE case_events SET to_state = 'resolved'",
    "DELETE FROM case_events",
    "DELETE FROM case_events WHERE seq = 1",
])
def test_raw_update_and_delete_of_history_are_refused_by_the_database(app, case_id, statement):
    with app.app_context():
        with db.engine.connect() as conn:
            before = _history(conn)
            with pytest.raises(DBAPIError, match="append-only"):
                conn.execute(text(statement))
            conn.rollback()
            assert _history(conn) == before and len(before) == 1


def test_the_unlock_lets_only_free_text_of_that_case_change_inside_one_transaction(app, case_id):
    with app.app_context(), db.engine.connect() as conn:
        conn.execute(text("INSERT INTO history_unlocks (case_id) VALUES (:c)"), {"c": case_id})
        conn.execute(text("UPDATE case_events SET comment = NULL, actor_id = NULL WHERE case_id = :c"),
                     {"c": case_id})
        for refused in ("UPDATE case_events SET to_state = 'resolved'",
                        "UPDATE case_events SET created_at = created_at + INTERVAL '1 day'"
                        if conn.dialect.name == "postgresql" else
                        "UPDATE case_events SET created_at = '2000-01-01 00:00:00'",
                        "DELETE FROM case_events"):
            with pytest.raises(DBAPIError, match="append-only"), conn.begin_nested():
                conn.execute(text(refused))
        conn.execute(text("DELETE FROM history_unlocks WHERE case_id = :c"), {"c": case_id})
        with pytest.raises(DBAPIError, match="append-only"), conn.begin_nested():
            conn.execute(text("UPDATE case_events SET comment = 'igen'"))
        conn.commit()
        assert conn.execute(text("SELECT actor_id, to_state FROM case_events")).one() == (None, "submitted")
        assert conn.execute(text("SELECT count(*) FROM history_unlocks")).scalar() == 0


def test_an_unlock_for_one_case_does_not_open_another(app, org, case_id, session):
    kim = session.query(Person).filter_by(email="kim@example.dk").one()
    other = case_service.submit_case(session, app.extensions["medflow.engines"], kim,
                                     case_service.NewCase(workflow="question", title="Stresspolitik")).id
    with app.app_context(), db.engine.connect() as conn:
        conn.execute(text("INSERT INTO history_unlocks (case_id) VALUES (:c)"), {"c": case_id})
        with pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text("UPDATE case_events SET comment = 'x' WHERE case_id = :o"), {"o": other})
        conn.rollback()
