"""Test data for meetings: the small organisation plus a secretary, and helpers to plan and schedule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from medflow.domain.calendar import is_working_day, kommune_zone, local_date
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Person
from medflow.services import cases as case_service
from tests.factories import ORG

MEETING_ORG = {**ORG, "people": [*ORG["people"], {
    "email": "sonja@example.dk", "name": "Sonja Sekretær", "workplace": "lok-skole",
    "roles": [{"committee": "lok-skole", "role": "secretary"}]}]}


def in_days(days: int) -> date:
    """Return the date `days` from the kommune's today (meetings must not be planned in its past)."""
    return local_date(utcnow()) + timedelta(days=days)


def due_in_days(days: int, before: int = 1) -> date:
    """Return a date about `days` from today that has a working day `before` days earlier.

    The sweep reminds only on working days, so a test of "reminded the day before" needs one there.
    """
    day = in_days(days)
    while not is_working_day(day - timedelta(days=before)):
        day += timedelta(days=1)
    return day


def morning(day: date) -> datetime:
    """Return 10:00 on `day` in the kommune, in UTC: inside working hours, whatever the season."""
    return datetime.combine(day, time(10), kommune_zone()).astimezone(UTC)


def person(who: str) -> Person:
    """Return who@example.dk."""
    return db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))


def engines(app):
    """Return the app's workflow engines."""
    return app.extensions["medflow.engines"]


def accepted_case(app, title: str = "Nye stole i personalerummet") -> int:
    """Have Anna submit a question and the chair of LokalMED Skole accept it; return its id."""
    new = case_service.NewCase(workflow="question", title=title, description="Stolene er slidte.")
    case = case_service.submit_case(db.session, engines(app), person("anna"), new)
    case_service.fire_event(db.session, engines(app), person("lene"), case.id, "accept", case.version, {})
    return case.id


# A meeting planned for today from midnight (Danish time) has begun whenever a test runs: decisions
# and approval are possible from a meeting's start.
BEGUN = {"start_time": "00:00", "end_time": "00:30"}


def approve_both(app, meeting_id: int):
    """Have the chair (Lene) and then the vice chair (Tove) of LokalMED Skole approve the minutes."""
    from medflow.persistence.models import Meeting
    from medflow.services.meetings import minutes

    for who in ("lene", "tove"):
        version = db.session.get(Meeting, meeting_id).version
        meeting = minutes.approve(db.session, engines(app), person(who), meeting_id, version)
    return meeting
