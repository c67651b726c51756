"""The inbox query: groups, the recently-closed window, and open counts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, Person
from medflow.services import queries
from medflow.workflows import engines


def _person(who: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))


def _inbox(app, who: str, key: str, now=None, **wanted):
    """Return the groups and total of an inbox page (after the API calls, in a fresh context)."""
    with app.app_context():
        committee = db.session.scalar(select(Committee).where(Committee.key == key))
        initial = {n: e.definition.initial for n, e in engines().items()}
        wanted_page = queries.InboxFilter(initial, **wanted)
        page = queries.inbox(db.session, _person(who), committee, wanted_page, now=now)
        return [group for group, _case in page.items], page.total


def test_closed_cases_leave_the_inbox_after_30_days_unless_asked_for_by_state(app, api):
    lene = api("lene")
    lene.fire(lene.fire(api("anna").submit(), "accept"), "resolve", answer="Ja")
    later = utcnow() + timedelta(days=queries.RECENTLY_CLOSED_DAYS + 1)
    assert _inbox(app, "lene", "lok-skole") == ([queries.CLOSED], 1)
    assert _inbox(app, "lene", "lok-skole", now=later) == ([], 0)
    assert _inbox(app, "lene", "lok-skole", now=later, state="resolved") == ([queries.CLOSED], 1)


def test_work_environment_task_with_a_meeting_date_is_on_the_agenda(app, api):
    amir = api("amir")
    case = amir.fire(api("anna").submit("work_environment", title="Støj", category="physical"), "accept")
    amir.fire(case, "schedule", meeting_date="2027-01-10")
    assert _inbox(app, "amir", "lok-skole") == ([queries.AGENDA], 1)


def test_open_counts_cover_only_open_cases_of_my_committees(app, api):
    lene = api("lene")
    api("anna").submit()
    lene.fire(lene.fire(api("anna").submit(), "accept"), "resolve", answer="Ja")
    with app.app_context():
        mine = queries.my_committees(db.session, _person("lene"))
        assert [c.key for c in mine] == ["lok-skole"]
        assert queries.open_counts(db.session, _person("lene"), mine) == {"lok-skole": 1}
