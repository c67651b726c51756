"""A picked date is a day in Copenhagen: shown, serialised, reminded and overdue on the right day.

The nights around both daylight-saving changes of 2027 are covered: the end of a day is 22:59:59 UTC
in winter time and 21:59:59 UTC in summer time.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Cascade, Person
from medflow.services.cascade_views import rollup
from medflow.services.sweep import sweep

AROUND_DST = [
    ("2027-03-27", "2027-03-27T22:59:59.999999+00:00", "27. mar. 2027"),  # last winter-time day
    ("2027-03-28", "2027-03-28T21:59:59.999999+00:00", "28. mar. 2027"),  # first summer-time day
    ("2027-10-30", "2027-10-30T21:59:59.999999+00:00", "30. okt. 2027"),
    ("2027-10-31", "2027-10-31T22:59:59.999999+00:00", "31. okt. 2027"),
]


def _publish(app, api, day: str) -> tuple[int, int]:
    """Publish from KommuneMED to the workplaces; return the cascade and LokalMED Skole's case."""
    answer = api("kim").post("/cascades", {"committee": "kommunemed", "kind": "task", "title": "Trivsel",
                                           "body": "Drøft trivselsmålingen.", "due_date": day,
                                           "levels": ["lokal"]})
    assert answer.status_code == 201, answer.get_json()
    with app.app_context():
        cascade = db.session.get(Cascade, answer.get_json()["id"])
        return cascade.id, next(r.case_id for r in cascade.receipts if r.committee.key == "lok-skole")


@pytest.mark.parametrize(("day", "end_utc", "shown"), AROUND_DST)
def test_a_report_back_date_ends_at_midnight_in_copenhagen(app, api, pages, day, end_utc, shown):
    _, case_id = _publish(app, api, day)
    assert api("lene").get(f"/cases/{case_id}").get_json()["due_at"] == end_utc
    page = pages("lene").get(f"/cases/{case_id}").text
    assert f'data-due="{end_utc}"' in page and shown in page.split('id="case-due"')[1][:200]
    inbox = pages("lene").get("/committees/lok-skole").text
    assert shown in inbox


def test_a_committee_is_overdue_from_midnight_in_copenhagen_not_in_utc(app, api):
    cascade_id, _ = _publish(app, api, "2027-03-28")
    with app.app_context():
        kim = db.session.scalar(select(Person).where(Person.email == "kim@example.dk"))
        late_evening = rollup(db.session, kim, cascade_id, now=datetime(2027, 3, 28, 21, 59, tzinfo=UTC))
        after_midnight = rollup(db.session, kim, cascade_id, now=datetime(2027, 3, 28, 22, 0, tzinfo=UTC))
    assert [lv.overdue for lv in late_evening.levels] == [0]
    assert [lv.overdue for lv in after_midnight.levels] == [3]


def test_the_due_day_reminder_of_easter_sunday_comes_on_tuesday_at_eight_in_copenhagen(app, api):
    _publish(app, api, "2027-03-28")  # påskedag, and the first day of summer time
    with app.app_context():
        engines = app.extensions["medflow.engines"]
        at_midnight = sweep(db.session, engines, now=datetime(2027, 3, 27, 23, 0, tzinfo=UTC))
        easter_monday = sweep(db.session, engines, now=datetime(2027, 3, 29, 9, 0, tzinfo=UTC))
        before_eight = sweep(db.session, engines, now=datetime(2027, 3, 30, 5, 59, tzinfo=UTC))
        at_eight = sweep(db.session, engines, now=datetime(2027, 3, 30, 6, 0, tzinfo=UTC))  # 08:00 CEST
    assert at_midnight.reminders == easter_monday.reminders == before_eight.reminders == []
    assert at_midnight.postponed_until == datetime(2027, 3, 30, 6, 0, tzinfo=UTC)
    assert len([k for k in at_eight.reminders if k.endswith(":due")]) == 3
