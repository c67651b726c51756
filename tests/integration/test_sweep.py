"""`medflow sweep` with a fixed clock: reminders once each, escalation once, as the system."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medflow.extensions import db
from medflow.persistence.models import Case, CaseEvent, Notification, Person
from medflow.services import cases as case_service
from medflow.services.sweep import _escalate, sweep

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)  # a Monday, 10:00 in Copenhagen
# A question must be taken up within 10 working days: by Monday 20 January, 10:00; the reminder 3
# working days before is due on Wednesday 15 January (T0 + 9 days).


def engines(app):
    return app.extensions["medflow.engines"]


def person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def submit(app, workflow: str = "question", **extra) -> int:
    new = case_service.NewCase(workflow=workflow, title="Støj i kantinen", extra=extra)
    return case_service.submit_case(db.session, engines(app), person("anna@example.dk"), new, now=T0).id


def kinds(case_id: int) -> list[str]:
    return list(db.session.scalars(select(Notification.kind).where(Notification.case_id == case_id)
                                   .distinct().order_by(Notification.kind)))


def count(kind: str, case_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.case_id == case_id, Notification.kind == kind))


def test_nothing_happens_before_the_reminder_window(app, org, session):
    case_id = submit(app)
    report = sweep(session, engines(app), now=T0 + timedelta(days=8))
    assert report.reminders == [] and report.escalated == []
    assert kinds(case_id) == ["submit"]


def test_reminder_before_the_deadline_is_sent_once_to_the_holding_committee(app, org, session):
    case_id = submit(app)
    first = sweep(session, engines(app), now=T0 + timedelta(days=9))
    second = sweep(session, engines(app), now=T0 + timedelta(days=9, hours=1))
    assert len(first.reminders) == 1 and second.reminders == []
    assert count("reminder_before", case_id) == 4  # lene, tove, sara, amir


def test_overdue_case_escalates_once_to_the_committee_above_as_the_system(app, org, session):
    case_id = submit(app)
    sweep(session, engines(app), now=T0 + timedelta(days=9))
    first = sweep(session, engines(app), now=T0 + timedelta(days=15))
    second = sweep(session, engines(app), now=T0 + timedelta(days=15, minutes=5))
    assert first.escalated == [case_id] and second.escalated == []
    case = session.get(Case, case_id)
    assert (case.state, case.holder.key) == ("submitted", "omr-born")
    last = case.history[-1]
    assert (last.event, last.actor_id, last.from_committee.key) == ("forward", None, "lok-skole")
    assert last.data == {"rule": "deadline", "state": "submitted", "deadline_workdays": 10}
    assert case.state_due_at == T0 + timedelta(days=29)  # 10 new working days at the new holder
    assert count("reminder_before", case_id) == 4 and count("escalate", case_id) == 6


def test_two_sweeps_at_once_escalate_only_once(app, org, session):
    case_id = submit(app)
    later = T0 + timedelta(days=15)
    with Session(db.engine) as other:
        stale = other.get(Case, case_id)  # the second sweep read the case at the same moment
        assert _escalate(session, engines(app), session.get(Case, case_id), later) is True
        assert _escalate(other, engines(app), stale, later) is False
    forwards = session.scalar(select(func.count()).select_from(CaseEvent).where(
        CaseEvent.case_id == case_id, CaseEvent.event == "forward"))
    assert forwards == 1


def test_state_without_escalation_gets_a_reminder_at_the_deadline_once(app, org, session, api):
    case_id = submit(app)
    case = session.get(Case, case_id)
    case_service.fire_event(session, engines(app), person("lene@example.dk"), case_id, "accept",
                            case.version, {}, now=T0 + timedelta(days=3))
    due = T0 + timedelta(days=63)  # 60 calendar days: Monday 10 March
    assert sweep(session, engines(app), now=due - timedelta(days=5)).reminders  # 7 days before
    assert sweep(session, engines(app), now=due).escalated == []
    sweep(session, engines(app), now=due + timedelta(days=1))
    assert (count("reminder_before", case_id), count("reminder_due", case_id)) == (4, 4)
    assert session.get(Case, case_id).holder.key == "lok-skole"


def test_top_committee_case_is_reminded_but_not_escalated(app, org, session):
    new = case_service.NewCase(workflow="question", title="Stresspolitik")
    kim = person("kim@example.dk")
    case = case_service.submit_case(session, engines(app), kim, new, now=T0)
    report = sweep(session, engines(app), now=T0 + timedelta(days=15))
    assert report.escalated == [] and len(report.reminders) == 1
    assert session.get(Case, case.id).holder.key == "kommunemed"


def test_action_plan_item_is_reminded_before_and_at_its_due_date_once_each(app, org, session):
    case_id = submit(app, workflow="work_environment", category="physical")
    lene = person("lene@example.dk")
    steps = [("accept", {}), ("assess", {"risk_level": "medium", "comment": "Målt 80 dB"}),
             ("plan", {"problem": "Støj", "solution": "Lydabsorbenter", "owner": "Lene",
                       "due_date": "2025-01-15", "effect_check": "Ny måling"})]
    for event, fields in steps:
        case = session.get(Case, case_id)
        case_service.fire_event(session, engines(app), lene, case_id, event, case.version, fields,
                                now=T0 + timedelta(hours=1))
    for day in (12, 13, 15, 16):
        sweep(session, engines(app), now=datetime(2025, 1, day, 8, tzinfo=UTC))
    assert count("item_before", case_id) == 4  # every member of LokalMED Skole
    assert count("item_due", case_id) == count("item_before", case_id)


def test_case_json_shows_due_and_overdue(app, org, api):
    case = api("anna").submit()
    assert case["overdue"] is False
    assert case["due_at"] == case["state_due_at"]
    with app.app_context():
        row = db.session.get(Case, case["id"])
        row.state_due_at = datetime.now(UTC) - timedelta(days=1)
        db.session.commit()
    listed = api("lene").get("/committees/lok-skole/cases").get_json()["cases"][0]
    assert listed["overdue"] is True and listed["due_at"]
    assert api("anna").get(f"/cases/{case['id']}").get_json()["overdue"] is True


def test_closed_case_is_never_overdue(app, org, api):
    case = api("anna").submit()
    case = api("anna").fire(case, "withdraw")
    assert (case["due_at"], case["overdue"]) == (None, False)
