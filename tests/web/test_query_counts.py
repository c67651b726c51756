"""A case page and an event cost a fixed number of SQL statements, however long the case's history."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

from medflow.extensions import db

WRITES = ("INSERT", "UPDATE", "DELETE")
# `schedule` to a new day also finds (or plans) the meeting and moves the case's agenda item: the
# reads of a "move" in PLAN_READS below (the same with two history rows or twenty)
SCHEDULE_READS = 10


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


# What each event of the benchmark's plan costs through the API (tests/benchmarks/events.py), on
# SQLite and PostgreSQL alike, with a short history and a long one. Reads: the token with its
# person, the case with the reader's roles and the history (read in the event's transaction: the
# answer reuses it); who is told is selected by the notifications' INSERT itself (mail off: no one's
# address is needed), the committee's name is the case's loaded holder's; `schedule` also reads the
# case's items on open agendas and, for a day it is not on yet, the meeting of that day (none here:
# one is planned, with the committee's standing items); a case moved off an unpublished agenda reads its item's
# communication lines (the delete cascades to them). Nothing is read after the commit. An answer
# is new text: the case's search row is rebuilt from the history already read (no read more). An
# agenda that changed has its search documents rebuilt before the commit: its meetings, then their
# items with their cases (two reads, whichever meetings changed), the old documents deleted and the
# new written. A meeting planned for the case also reads the annual-cycle items due then (one read).
PLAN_READS = {"accept": 3, "schedule": 9, "schedule again": 4, "move": 10, "resolve": 3}
AGENDA_SEARCH = {"DELETE": 1, "INSERT": 1}  # an agenda's search documents rewritten
# A meeting planned for a bare date: the meeting, then its items (four standing items, the
# communication item and the case's): one INSERT each on SQLite, one multi-row INSERT on PostgreSQL.
NEW_AGENDA = {"sqlite": 1 + 6, "postgresql": 1 + 1}
# Besides the case's guarded UPDATE, its history row and the notifications (one INSERT ... SELECT).
# The case's search row is written when the state or committee moves or the event brings text
# (accept, the first schedule, resolve), never for a schedule that leaves both as they were.
PLAN_WRITES = {
    "accept": {"UPDATE": 1},  # the search row's state
    "schedule": {"INSERT": "agenda", "UPDATE": 1, "search": AGENDA_SEARCH},  # and the search row's state
    "schedule again": {"UPDATE": 1},  # the item's case version moves on
    # a new agenda; off the old one, the item's search documents with it (no read: the item is gone)
    "move": {"INSERT": "agenda", "DELETE": 2, "search": AGENDA_SEARCH},
    "resolve": {"UPDATE": 2},  # the search row (the answer), and the committees' "Sendt videre" rows
}


def _writes(extra: dict[str, int | str], dialect: str) -> list[str]:
    """Return the sorted writes of a step: every event's three, and what the step adds on this database."""
    counts = {"INSERT": 2, "UPDATE": 1, "DELETE": 0}
    for kind, n in extra.items():
        if kind != "search":
            counts[kind] += NEW_AGENDA[dialect] if n == "agenda" else n
    for kind, n in extra.get("search", {}).items():
        counts[kind] += n
    return sorted(kind for kind, n in counts.items() for _i in range(n))


def _plan(day: int) -> list[tuple[str, str, dict]]:
    """Return the benchmark's steps (name, event, fields) on this case's own days (each plans its meetings)."""
    return [("accept", "accept", {}), ("schedule", "schedule", {"meeting_date": f"2027-04-{day:02d}"}),
            ("schedule again", "schedule", {"meeting_date": f"2027-04-{day:02d}"}),
            ("move", "schedule", {"meeting_date": f"2027-05-{day:02d}"}),
            ("resolve", "resolve", {"answer": "Svar"})]


def _plan_costs(app, api, case: dict, day: int) -> dict[str, list[str]]:
    """Fire the plan on the case as Lene; return each step's statements."""
    costs = {}
    for step, name, fields in _plan(day):
        body = {"event": name, "version": case["version"], **fields}
        costs[step] = _count(app, lambda b=body, c=case["id"]: api("lene").post(f"/cases/{c}/events", b))
        case = api("lene").get(f"/cases/{case['id']}").get_json()
    return costs


def test_each_event_of_the_plan_costs_a_fixed_budget_however_long_the_history(app, api):
    short = api("anna").submit(title="Kort historik")
    long = api("anna").submit(title="Lang historik")
    short = api("ole").fire(api("lene").fire(short, "forward", comment="Op"), "refer", comment="Ned")
    for _round in range(6):  # up and back down: 13 history rows, two committees, two actors (both sent on)
        long = api("ole").fire(api("lene").fire(long, "forward", comment="Op"), "refer", comment="Ned")
    api("lene").get(f"/cases/{short['id']}")  # the token's first use is recorded; the tree is read
    costs = {"short": _plan_costs(app, api, short, 1), "long": _plan_costs(app, api, long, 2)}
    assert costs["long"] == costs["short"]
    with app.app_context():
        dialect = db.engine.dialect.name
    for step, seen in costs["long"].items():
        reads = [s for s in seen if s not in WRITES]
        writes = sorted(s for s in seen if s in WRITES)
        assert reads == ["SELECT"] * PLAN_READS[step], f"{step}: {sorted(seen)}"
        assert writes == _writes(PLAN_WRITES[step], dialect), f"{step}: {sorted(seen)}"


def test_closing_a_case_never_sent_on_writes_no_sent_on_rows_and_one_sent_on_updates_them(app, api):
    kept, sent = api("anna").submit(title="Blev her"), api("anna").submit(title="Sendt op")
    kept = api("lene").fire(kept, "accept")
    sent = api("ole").fire(api("lene").fire(sent, "forward", comment="Op"), "refer", comment="Ned")
    sent = api("lene").fire(sent, "accept")
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    try:
        api("lene").fire(kept, "resolve", answer="Svar")
        kept_writes = [s for s in seen if "sent_on" in s]
        seen.clear()
        api("lene").fire(sent, "resolve", answer="Svar")
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert kept_writes == []  # its loaded history shows it was never sent on: nothing to date
    assert [s.split()[0] for s in seen if "sent_on" in s] == ["UPDATE"]
