"""The migration that stores each case's inbox group fills it in for the cases already there."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import text

from medflow import create_app
from medflow.domain import inbox
from medflow.extensions import db

BEFORE = "secweb01"  # the revision before the stored inbox group
CASES = {  # title: (workflow, state, meeting_date, closed_at) -> the group it belongs in
    "ny": (("question", "submitted", None, None), inbox.NEW),
    "ny arbejdsmiljøsag": (("work_environment", "reported", None, None), inbox.NEW),
    "i gang": (("question", "accepted", None, None), inbox.HANDLING),
    "på dagsordenen": (("question", "scheduled", "2027-01-10", None), inbox.AGENDA),
    "besvaret": (("question", "resolved", "2027-01-10", "2026-11-01 10:00:00"), inbox.CLOSED),
}


def _insert_old_rows() -> None:
    conn = db.session.connection()
    conn.execute(text("INSERT INTO levels (id, key, name, rank) VALUES (1, 'lokal', 'LokalMED', 0)"))
    conn.execute(text("INSERT INTO committees (id, key, name, level_id) VALUES (1, 'lok', 'LokalMED', 1)"))
    conn.execute(text("INSERT INTO people (id, email, name, is_admin, active, email_opt_out, created_at) "
                      "VALUES (1, 'a@example.dk', 'A', false, true, false, '2026-01-01')"))
    for title, ((workflow, state, meeting, closed), _group) in CASES.items():
        conn.execute(text(
            "INSERT INTO cases (workflow, title, description, confidential, state, holder_id, submitter_id, "
            "origin_id, data, meeting_date, created_at, updated_at, closed_at, version) "
            "VALUES (:wf, :title, '', false, :state, 1, 1, 1, '{}', :meeting, '2026-10-01', '2026-10-02', "
            ":closed, 1)"),
            {"wf": workflow, "title": title, "state": state, "meeting": meeting, "closed": closed})
    db.session.commit()


def test_upgrading_puts_every_existing_case_in_its_inbox_group(empty_database_url):  # noqa: F811
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision=BEFORE)
        _insert_old_rows()
        upgrade()
        groups = dict(db.session.execute(text("SELECT title, inbox_group FROM cases")).all())
        db.session.remove()
        db.engine.dispose()
    assert groups == {title: group for title, (_row, group) in CASES.items()}
