"""Deadlines in working days and a sweep that waits for working hours, with a fixed clock.

A question must be taken up within 10 working days (workflows/question.yaml): Easter, Christmas
and the kommune's closed days do not count, and the deadline keeps its Copenhagen wall-clock time
across both changes of summer time. Reminders and escalations wait for the next working morning.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from medflow import create_app
from medflow.domain import calendar
from medflow.extensions import db
from medflow.persistence.models import Case, Person, SentReminder
from medflow.services import cases as case_service
from medflow.services.sweep import sweep
from tests import factories
from tests.unit.test_working_days import TEN_WORKING_DAYS


def engines(app):
    return app.extensions["medflow.engines"]


def person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def submit(app, now: datetime) -> int:
    """Let Anna submit a question at `now`; return its id."""
    new = case_service.NewCase(workflow="question", title="Støj i kantinen")
    return case_service.submit_case(db.session, engines(app), person("anna@example.dk"), new, now=now).id


@pytest.mark.parametrize(("submitted", "due"), TEN_WORKING_DAYS)
def test_a_question_escalates_after_ten_working_days_not_fourteen_calendar_days(
        app, org, session, submitted, due):
    case_id = submit(app, submitted)
    assert session.get(Case, case_id).state_due_at == due
    assert sweep(session, engines(app), now=due - timedelta(minutes=1)).escalated == []
    assert sweep(session, engines(app), now=due).escalated == [case_id]


def test_easter_does_not_count_and_the_api_shows_the_working_day_deadline(app, org, session, api):
    case_id = submit(app, datetime(2027, 3, 23, 9, tzinfo=UTC))  # Tuesday before Easter, 10:00
    assert api("anna").get(f"/cases/{case_id}").get_json()["due_at"] == "2027-04-09T08:00:00+00:00"
    fourteen_days = sweep(session, engines(app), now=datetime(2027, 4, 6, 9, tzinfo=UTC))
    assert fourteen_days.escalated == [] and len(fourteen_days.reminders) == 1  # 3 working days before


def test_an_overdue_case_is_not_escalated_at_the_weekend_but_on_monday_morning(app, org, session):
    case_id = submit(app, datetime(2027, 3, 23, 9, tzinfo=UTC))  # due Friday 9 April, 10:00
    saturday = sweep(session, engines(app), now=datetime(2027, 4, 10, 12, tzinfo=UTC))
    assert saturday.escalated == [] and saturday.reminders == []
    assert saturday.postponed_until == datetime(2027, 4, 12, 6, tzinfo=UTC)  # 08:00, summer time
    assert session.get(Case, case_id).holder.key == "lok-skole"
    assert sweep(session, engines(app), now=saturday.postponed_until).escalated == [case_id]


@pytest.fixture
def seven_oclock_app(database_url, monkeypatch):
    """An app configured as a kommune that starts at 07:00 and closes on Friday 9 April 2027 as well."""
    monkeypatch.setenv("MEDFLOW_WORKDAY_START_HOUR", "7")
    monkeypatch.setenv("MEDFLOW_CLOSED_DAYS", "06-05,12-24,12-31,2027-04-09")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        factories.load_org(db.session)
        yield app
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    calendar.set_closed_days(calendar.DEFAULT_CLOSED_DAYS)
    calendar.set_working_hours(*calendar.DEFAULT_HOURS)


def test_a_reminder_due_on_saturday_night_is_sent_on_the_next_working_morning_at_the_set_hour(
        seven_oclock_app):
    app, session = seven_oclock_app, db.session
    accepted_at = datetime(2026, 10, 6, 21, tzinfo=UTC)  # 60 calendar days before Sat 5 Dec, 22:00
    case_id = submit(app, accepted_at)
    case = session.get(Case, case_id)
    case_service.fire_event(session, engines(app), person("lene@example.dk"), case_id, "accept",
                            case.version, {}, now=accepted_at)
    assert session.get(Case, case_id).state_due_at == datetime(2026, 12, 5, 21, tzinfo=UTC)
    hour, sent = datetime(2026, 12, 5, 20, tzinfo=UTC), []
    while hour <= datetime(2026, 12, 7, 12, tzinfo=UTC):  # cron, every hour, over the weekend
        sent += [(hour, key) for key in sweep(session, engines(app), now=hour).reminders]
        hour += timedelta(hours=1)
    # Monday at 07:00 in Copenhagen, winter time (06:00 UTC)
    assert [when for when, key in sent] == [datetime(2026, 12, 7, 6, tzinfo=UTC)]
    assert sent[0][1].endswith(":due")
    reminder = session.scalar(select(SentReminder).where(SentReminder.case_id == case_id))
    assert reminder.sent_at == datetime(2026, 12, 7, 6, tzinfo=UTC)


def test_a_closed_day_of_the_kommunes_own_is_no_working_day(seven_oclock_app):
    case_id = submit(seven_oclock_app, datetime(2027, 3, 23, 9, tzinfo=UTC))
    assert db.session.get(Case, case_id).state_due_at == datetime(2027, 4, 12, 8, tzinfo=UTC)  # not Friday


def test_a_malformed_closed_day_stops_the_app_at_start(database_url, monkeypatch):
    monkeypatch.setenv("MEDFLOW_CLOSED_DAYS", "24/12")
    try:
        with pytest.raises(ValueError):
            create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    finally:
        calendar.set_closed_days(calendar.DEFAULT_CLOSED_DAYS)
