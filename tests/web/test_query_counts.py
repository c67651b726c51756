"""A case page and an event cost a fixed number of SQL statements, however long the case's history."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

from medflow.extensions import db

WRITES = ("INSERT", "UPDATE", "DELETE")
# What an event through the API costs besides its three writes (case UPDATE, history INSERT,
# notifications INSERT): token and person, case with its facts and roles, audience, history.
EVENT_READS = 4
# `schedule` also finds (or plans) the meeting and moves the case's agenda item: the meetings' reads,
# with the published agenda it may leave (a move there needs confirming) and a new meeting's standing items
SCHEDULE_READS = 11


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """Collect the first word of every SQL statement sent inside the block."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement.lstrip().split(None, 1)[0].upper())

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _count(app, request: Callable[[], object]) -> list[str]:
    with statements(app) as seen:
        response = request()
    assert response.status_code in (200, 302), response.get_data(as_text=True)
    return seen


def _schedule(api, who: str, case: dict, day: int) -> dict:
    return api(who).fire(case, "schedule", meeting_date=f"2027-03-{day:02d}")


def test_a_case_page_and_an_event_cost_the_same_with_two_or_twenty_history_rows(app, api, pages):
    lene_page = pages("lene")
    short = api("lene").fire(api("anna").submit(title="Kort historik"), "accept")
    long = api("lene").fire(api("anna").submit(title="Lang historik"), "accept")
    for day in range(1, 19):  # two actors and many rows: nothing may be loaded row by row
        long = _schedule(api, "lene" if day % 2 else "tove", long, day)
    short = _schedule(api, "lene", short, 1)  # both on a meeting: the next schedule moves each to a new one
    lene_page.get(f"/cases/{short['id']}")  # the first request of a process reads the committee tree
    page_short = _count(app, lambda: lene_page.get(f"/cases/{short['id']}"))
    page_long = _count(app, lambda: lene_page.get(f"/cases/{long['id']}"))
    assert len(long["history"]) == 20
    assert page_long == page_short
    event_short = _count(app, lambda: api("lene").post(
        f"/cases/{short['id']}/events", {"event": "schedule", "version": short["version"],
                                         "meeting_date": "2027-04-01"}))
    event_long = _count(app, lambda: api("lene").post(
        f"/cases/{long['id']}/events", {"event": "schedule", "version": long["version"],
                                        "meeting_date": "2027-04-02"}))
    assert event_long == event_short
    # the case, its history row and notification, and the agenda: a new meeting with the case as its
    # item, the item on the meeting it leaves removed
    writes = sorted(s for s in event_long if s in WRITES)
    assert writes == sorted(s for s in event_short if s in WRITES) and "UPDATE" in writes, writes
    assert len([s for s in event_long if s not in WRITES]) <= SCHEDULE_READS


def test_a_forward_with_a_long_history_costs_what_a_short_one_does(app, api):
    short = api("lene").fire(api("anna").submit(title="Kort"), "accept")
    long = api("lene").fire(api("anna").submit(title="Lang"), "accept")
    for day in range(1, 11):
        long = _schedule(api, "lene", long, day)
    api("lene").get(f"/cases/{short['id']}")
    costs = [
        _count(app, lambda c=case: api("lene").post(
            f"/cases/{c['id']}/events", {"event": "forward", "version": c["version"], "comment": "Op"}))
        for case in (short, long)
    ]
    assert costs[0] == costs[1]
