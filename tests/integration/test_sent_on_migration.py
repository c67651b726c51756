"""The migration that adds `sent_on` fills it from the history already there, as the listener would have."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import text

from medflow import create_app
from medflow.extensions import db

BEFORE = "meetmail01"  # the revision before `sent_on`
# case: its history as (event, from committee, to committee, when), and when the case closed
CASES = {
    1: ([("submit", None, 1, "2026-10-01"), ("forward", 1, 2, "2026-10-02")], None),
    2: ([("submit", None, 1, "2026-10-01"), ("forward", 1, 2, "2026-10-03"), ("refer", 2, 1, "2026-10-04"),
         ("forward", 1, 2, "2026-10-05"), ("resolve", 2, 2, "2026-10-06")], "2026-10-06 00:00:00"),
    3: ([("submit", None, 1, "2026-10-01"), ("accept", 1, 1, "2026-10-02")], None),  # never sent on
}


def _insert_old_rows() -> None:
    conn = db.session.connection()
    conn.execute(text("INSERT INTO levels (id, key, name, rank) VALUES (1, 'lokal', 'LokalMED', 0)"))
    for key in (1, 2):
        conn.execute(text("INSERT INTO committees (id, key, name, level_id) VALUES (:id, :key, 'MED', 1)"),
                     {"id": key, "key": f"c{key}"})
    conn.execute(text("INSERT INTO people (id, email, name, is_admin, active, email_opt_out, created_at) "
                      "VALUES (1, 'a@example.dk', 'A', false, true, false, '2026-01-01')"))
    for case_id, (history, closed) in CASES.items():
        conn.execute(text(
            "INSERT INTO cases (id, workflow, title, description, confidential, state, holder_id, "
            "submitter_id, origin_id, data, created_at, updated_at, closed_at, version) "
            "VALUES (:id, 'question', 'Sag', '', false, 'submitted', 2, 1, 1, '{}', '2026-10-01', "
            "'2026-10-02', :closed, 1)"),
            {"id": case_id, "closed": closed})
        for seq, (event, source, to, at) in enumerate(history, start=1):
            conn.execute(text(
                "INSERT INTO case_events (case_id, seq, event, to_state, from_committee_id, to_committee_id, "
                "data, created_at) VALUES (:case, :seq, :event, 'submitted', :source, :to, '{}', :at)"),
                {"case": case_id, "seq": seq, "event": event, "source": source, "to": to, "at": at})
    db.session.commit()


def test_upgrading_records_every_case_a_committee_sent_on(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision=BEFORE)
        _insert_old_rows()
        upgrade()
        rows = db.session.execute(text("SELECT committee_id, case_id, sent_at, closed_at FROM sent_on "
                                       "ORDER BY case_id")).all()
        db.session.remove()
        db.engine.dispose()
    found = [(c, k, str(sent)[:10], str(closed)[:10] if closed else None) for c, k, sent, closed in rows]
    assert found == [(1, 1, "2026-10-02", None), (1, 2, "2026-10-05", "2026-10-06")]
