"""Events per second through the whole web stack vs a minimal floor app doing the same writes.

Both run in this process through Flask's test client on the same database (`PLAN`, and the harsher
`MOVE_PLAN` whose second `schedule` moves the case to another meeting): medflow's
`POST /api/v1/cases/ID/events` with a bearer token, and a tiny Flask app that reads the case,
makes the version-guarded UPDATE, appends one history row and one notification row and commits.
"""

from __future__ import annotations

import time

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, func, insert, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, CaseEvent, Committee, Membership, Notification, Person
from medflow.services.cases import NewCase, submit_case
from medflow.services.people.users import issue_token
from medflow.workflows import engines

PLAN = [("accept", {})] + [("schedule", {"meeting_date": "2027-05-01"})] * 3 + [("resolve", {"answer": "Svar"})]
# The harsher plan: the second `schedule` moves the case to another day's meeting (off the first agenda)
MOVE_PLAN = [("accept", {}), ("schedule", {"meeting_date": "2027-05-01"}),
             ("schedule", {"meeting_date": "2027-06-01"}), ("resolve", {"answer": "Svar"})]
WORKPLACE = "lok-skovvejens-skole"
DEST = {"accept": "accepted", "schedule": "scheduled", "resolve": "resolved"}


def floor_app(url: str) -> Flask:
    """Return the floor: the same writes with SQLAlchemy Core and nothing else."""
    app, engine = Flask("floor"), create_engine(url)
    cases, events, notes = Case.__table__, CaseEvent.__table__, Notification.__table__

    @app.post("/cases/<int:case_id>/events")
    def fire(case_id: int):
        body, now = request.get_json(), utcnow()
        dest = DEST[body["event"]]
        with engine.begin() as conn:
            row = conn.execute(select(cases.c.id, cases.c.state, cases.c.version, cases.c.holder_id,
                                      cases.c.submitter_id).where(cases.c.id == case_id)).one()
            if row.version != body["version"]:
                return jsonify(error="stale"), 409
            conn.execute(update(cases).where(cases.c.id == case_id, cases.c.version == row.version)
                         .values(state=dest, version=row.version + 1, updated_at=now,
                                 closed_at=now if dest == "resolved" else None))
            seq = conn.execute(insert(events).values(
                case_id=case_id, seq=select(func.max(events.c.seq) + 1).where(events.c.case_id == case_id)
                .scalar_subquery(),
                actor_id=row.submitter_id, event=body["event"], from_state=row.state, to_state=dest,
                from_committee_id=row.holder_id, to_committee_id=row.holder_id, data={}, created_at=now,
            ).returning(events.c.id)).scalar_one()
            conn.execute(insert(notes).values(person_id=row.submitter_id, case_id=case_id, case_event_id=seq,
                                               kind=body["event"], data={}, created_at=now))
        return jsonify(id=case_id, state=dest, version=row.version + 1)

    app.extensions["engine"] = engine
    return app


def _chair_and_employee(session: Session) -> tuple[Person, Person]:
    committee = session.scalar(select(Committee).where(Committee.key == WORKPLACE))
    chair_id = session.scalar(select(Membership.person_id).where(
        Membership.committee_id == committee.id, Membership.role == "chair"))
    employee = session.scalar(select(Person).where(Person.workplace_id == committee.id, Person.id != chair_id))
    return session.get(Person, chair_id), employee


def _open(session: Session, employee: Person, n: int) -> list[int]:
    return [submit_case(session, engines(), employee, NewCase("question", f"Bench {i}")).id for i in range(n)]


def _drive(client, path: str, ids: list[int], headers: dict, plan: list | None = None) -> float:
    """Fire the plan on every case; return the seconds it took."""
    start = time.perf_counter()
    for case_id in ids:
        for version, (event, fields) in enumerate(plan or PLAN, start=1):
            response = client.post(path.format(case_id), json={"event": event, "version": version, **fields},
                                   headers=headers)
            assert response.status_code == 200, response.get_data(as_text=True)
    return time.perf_counter() - start


def web_vs_floor(app: Flask, cases: int = 120, plan: list | None = None) -> dict:
    """Return events/s of medflow's event endpoint and of the floor app, and their ratio."""
    plan = plan or PLAN
    with app.app_context():
        chair, employee = _chair_and_employee(db.session)
        token = issue_token(db.session, chair.email)
        web_ids, floor_ids = _open(db.session, employee, cases), _open(db.session, employee, cases)
        url = str(db.engine.url.render_as_string(hide_password=False))
        db.session.remove()
    floor = floor_app(url)
    bearer = {"Authorization": f"Bearer {token}"}
    web_client, floor_client, web_s, floor_s = app.test_client(), floor.test_client(), 0.0, 0.0
    for at in range(0, cases, 10):  # alternate small batches, so both see the same load from others
        web_s += _drive(web_client, "/api/v1/cases/{}/events", web_ids[at:at + 10], bearer, plan)
        floor_s += _drive(floor_client, "/cases/{}/events", floor_ids[at:at + 10], {}, plan)
    floor.extensions["engine"].dispose()
    web_rate, floor_rate = cases * len(plan) / web_s, cases * len(plan) / floor_s
    return {"web_events_per_s": round(web_rate), "floor_events_per_s": round(floor_rate),
            "ratio": round(web_rate / floor_rate, 2), "events": cases * len(plan)}


def web_event_statements(app: Flask, cases: int = 10) -> dict:
    """Return the SQL statements per event of `POST /api/v1/cases/ID/events`: all, and besides the writes."""
    kinds: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        kinds.append(statement.lstrip().split(None, 1)[0].upper())

    with app.app_context():
        chair, employee = _chair_and_employee(db.session)
        token = issue_token(db.session, chair.email)
        ids = _open(db.session, employee, cases)
        engine = db.engine
        db.session.remove()
    client, headers = app.test_client(), {"Authorization": f"Bearer {token}"}
    sa_event.listen(engine, "before_cursor_execute", seen)
    try:
        _drive(client, "/api/v1/cases/{}/events", ids, headers)
    finally:
        sa_event.remove(engine, "before_cursor_execute", seen)
    n = cases * len(PLAN)
    writes = sum(k in ("INSERT", "UPDATE", "DELETE") for k in kinds)
    return {"total": round(len(kinds) / n, 2), "besides_writes": round((len(kinds) - writes) / n, 2),
            "writes": round(writes / n, 2)}
