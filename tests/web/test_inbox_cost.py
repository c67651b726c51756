"""The inbox page and the inbox API cost the same SQL whatever the committee's history, and count honestly.

A committee's history is written in bulk (cases in every inbox group, confidential ones, cases it
sent on); the statements each page sends are counted at two sizes, ten times apart.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from medflow.domain.inbox import inbox_group
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, CaseEvent, Committee, Person, SentOn
from medflow.services import queries
from tests.web.test_query_counts import statements

# state, meeting date?, closed?: new, being handled, on the agenda, recently and long closed
KINDS = [("submitted", False, False), ("accepted", False, False), ("scheduled", True, False),
         ("resolved", False, True), ("resolved", False, True), ("resolved", False, True)]


def _ids(app) -> dict[str, int]:
    with app.app_context():
        people = dict(db.session.execute(select(Person.email, Person.id)).all())
        committees = dict(db.session.execute(select(Committee.key, Committee.id)).all())
        return {"anna": people["anna@example.dk"], "skole": committees["lok-skole"],
                "born": committees["omr-born"]}


def _rows(n: int, ids: dict[str, int], now, old: bool) -> tuple[dict, list[dict], list[dict]]:
    """Return case n, its history and its `sent_on` rows (every fifth is sent on to the area)."""
    state, meeting, closed = KINDS[-1] if old else KINDS[n % len(KINDS)]
    created = now - timedelta(days=1000 + n if old else n % 100 + 1)
    closed_at = created + timedelta(hours=1) if closed else None
    holder = ids["born"] if n % 5 == 0 else ids["skole"]
    day = (now + timedelta(days=14)).date() if meeting else None
    case = dict(id=n, workflow="question", title=f"Sag {n}", description="", confidential=n % 10 == 3,
                state=state, holder_id=holder, submitter_id=ids["anna"], origin_id=ids["skole"], data={},
                meeting_date=day, created_at=created, updated_at=closed_at or created, closed_at=closed_at,
                version=1, inbox_group=inbox_group("submitted", state, day, closed_at))
    events = [dict(case_id=n, seq=1, event="submit", to_state="submitted", to_committee_id=ids["skole"],
                   data={}, created_at=created)]
    if holder != ids["born"]:
        return case, events, []
    events.append(dict(case_id=n, seq=2, event="forward", from_state="submitted", to_state="submitted",
                       from_committee_id=ids["skole"], to_committee_id=holder, data={}, created_at=created))
    return case, events, [dict(committee_id=ids["skole"], case_id=n, sent_at=created, closed_at=closed_at)]


def add_history(app, count: int, *, old: bool = False) -> None:
    """Add `count` cases at LokalMED Skole in bulk (every tenth confidential, every fifth sent on).

    `old`: closed cases from before the ones there are, as years of use add them.
    """
    ids, now = _ids(app), utcnow()
    with app.app_context():
        first = (db.session.scalar(select(func.max(Case.id))) or 0) + 1
        made = [_rows(n, ids, now, old) for n in range(first, first + count)]
        db.session.execute(insert(Case), [case for case, _e, _s in made])
        db.session.execute(insert(CaseEvent), [e for _c, events, _s in made for e in events])
        db.session.execute(insert(SentOn), [r for _c, _e, sent in made for r in sent])
        db.session.commit()


PAGES = ("/committees/lok-skole", "/committees/lok-skole?page=2", "/committees/lok-skole?show=closed&page=2")
API = ("/committees/lok-skole/cases", "/committees/lok-skole/cases?page=3")


def _costs(app, pages, api) -> dict[str, int]:
    """Return the number of SQL statements of each inbox page and API page, for the chair and a member."""
    costs = {}
    for who in ("lene", "sara"):
        browser, client = pages(who), api(who)
        for path in PAGES:
            browser.get(path)  # the first request of a client reads what is cached after it
            with statements(app) as seen:
                assert browser.get(path).status_code == 200
            costs[f"{who} {path}"] = len(seen)
        for path in API:
            client.get(path)
            with statements(app) as seen:
                assert client.get(path).status_code == 200
            costs[f"{who} api {path}"] = len(seen)
    return costs


def test_the_inbox_page_and_api_send_as_many_statements_at_150_cases_as_at_1500(app, pages, api):
    add_history(app, 150)
    small = _costs(app, pages, api)
    add_history(app, 1350, old=True)  # ten times the cases: years of closed ones, many sent on
    assert _costs(app, pages, api) == small


def test_the_api_total_is_exact_below_the_cap_and_flagged_above_it(app, api, monkeypatch):
    add_history(app, 120)
    with app.app_context():
        skole = _ids(app)["skole"]
        held = select(func.count()).where(Case.holder_id == skole)
        everything = db.session.scalar(held)
        ordinary = db.session.scalar(held.where(Case.confidential.is_(False)))
    body = api("lene").get("/committees/lok-skole/cases").get_json()
    assert (body["total"], body["total_capped"]) == (everything, False)
    member = api("sara").get("/committees/lok-skole/cases").get_json()  # confidential ones: not even counted
    assert (member["total"], member["total_capped"]) == (ordinary, False)
    monkeypatch.setattr(queries, "TOTAL_CAP", 50)
    capped = api("lene").get("/committees/lok-skole/cases?page=4").get_json()
    assert (capped["total"], capped["total_capped"]) == (50, True)
    assert len(capped["cases"]) == everything - 75  # a page past the cap is still read
    past = api("lene").get("/committees/lok-skole/cases?page=99").get_json()
    assert (past["cases"], past["next_after"], past["total"]) == ([], None, 50)


@pytest.mark.parametrize("page", [1, 2, 3, 4])
def test_page_n_by_number_lists_what_following_the_cursors_does(app, api, page):
    add_history(app, 120)
    client, after, walked = api("lene"), "", []
    for _ in range(page):
        body = client.get(f"/committees/lok-skole/cases?after={after}").get_json()
        walked, after = body["cases"], body["next_after"]
    by_number = client.get(f"/committees/lok-skole/cases?page={page}").get_json()["cases"]
    assert [c["id"] for c in by_number] == [c["id"] for c in walked]


def test_the_inbox_page_says_or_more_when_it_stopped_counting(app, pages, monkeypatch):
    add_history(app, 300)
    monkeypatch.setattr(queries, "LOOKAHEAD", 10)
    html = pages("lene").get("/committees/lok-skole?show=closed").text
    assert "Side 1 af 2 eller flere" in html and 'rel="next"' in html
