"""The members' training: each member's status (missing, due, done), the secretary's form, the chair's flag."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from medflow.domain.calendar import is_working_day
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Membership, Notification, Person
from medflow.services.sweep import sweep
from tests import factories
from tests.meeting_helpers import MEETING_ORG, engines, morning


@pytest.fixture
def people(app, pages):
    """The organisation with a secretary; Amir (AMR) began five months ago, Sara (member) a month ago."""
    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
        for email, days in (("amir@example.dk", 150), ("sara@example.dk", 30)):
            pid = db.session.scalar(select(Person.id).where(Person.email == email))
            db.session.execute(
                update(Membership)
                .where(Membership.person_id == pid)
                .values(since=utcnow().date() - timedelta(days=days))
            )
        db.session.commit()
        db.session.remove()
    return pages


def _row(html: str, name: str) -> str:
    table = html.split('data-testid="training-table"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr") if name in r)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))


def test_each_member_has_a_status_and_the_secretary_records_a_course(app, people):
    page = people("lene").get("/committees/lok-skole/training").text
    amir = _row(page, "Amir AMR")
    assert "Den lovpligtige arbejdsmiljøuddannelse: Mangler" in amir
    assert "MED-uddannelse: Frist" in amir  # within the first year
    assert "Den lovpligtige" not in _row(page, "Sara Medlem")  # not in the work-environment organisation
    assert 'class="flagged"' in page
    day = (utcnow().date() - timedelta(days=2)).isoformat()
    recorded = people("sonja").post(
        "/committees/lok-skole/training",
        data={"member": "amir@example.dk", "course": "statutory", "taken_on": day},
    )
    assert recorded.status_code == 302
    after = _row(people("lene").get("/committees/lok-skole/training").text, "Amir AMR")
    assert f"Den lovpligtige arbejdsmiljøuddannelse: Gennemført ({day})" in after
    again = people("sonja").post(
        "/committees/lok-skole/training",
        data={"member": "amir@example.dk", "course": "statutory", "taken_on": day},
    )
    assert again.status_code == 400


def test_only_officers_record_and_only_for_members_and_past_days(app, people):
    day = utcnow().date().isoformat()
    assert (
        people("sara")
        .post(
            "/committees/lok-skole/training",
            data={"member": "sara@example.dk", "course": "med", "taken_on": day},
        )
        .status_code
        == 403
    )
    assert (
        people("sonja")
        .post(
            "/committees/lok-skole/training",
            data={"member": "peter@example.dk", "course": "med", "taken_on": day},
        )
        .status_code
        == 404
    )
    future = (utcnow().date() + timedelta(days=3)).isoformat()
    assert (
        people("sonja")
        .post(
            "/committees/lok-skole/training",
            data={"member": "sara@example.dk", "course": "med", "taken_on": future},
        )
        .status_code
        == 400
    )
    assert people("anna").get("/committees/lok-skole/training").status_code == 404


def test_a_missing_statutory_training_is_flagged_to_the_chair_once(app, people):
    day = utcnow().date()
    while not is_working_day(day):
        day += timedelta(days=1)
    with app.app_context():
        first = sweep(db.session, engines(app), now=morning(day))
        second = sweep(db.session, engines(app), now=morning(day))
        notes = db.session.scalars(select(Notification).where(Notification.kind == "training_missing")).all()
        assert [n.person_id for n in notes] == [
            db.session.scalar(select(Person.id).where(Person.email == "lene@example.dk"))
        ]
        assert any(k.startswith("training:") for k in first.reminders)
        assert not any(k.startswith("training:") for k in second.reminders)
    text = people("lene").get("/notifications").text
    assert "Amir AMR (LokalMED Skole) har ikke taget den lovpligtige arbejdsmiljøuddannelse i tide." in text
