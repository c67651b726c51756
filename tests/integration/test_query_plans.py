"""Every list's queries find their rows through an index: no full scan of cases or notifications.

Each list is read through its service while the SQL it sends is recorded; each recorded query is
then explained by the database itself (SQLite `EXPLAIN QUERY PLAN`; PostgreSQL `EXPLAIN` with
sequential scans switched off, so only a query no index can serve still scans the table).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, Person
from medflow.services import notifications, queries
from medflow.services.paging import Cursor
from medflow.services.sent_on import sent_on
from medflow.workflows import engines

TABLES = ("cases", "notifications", "sent_on")
# The planner's row estimates read the size of each table's files; a TRUNCATE before each test gives it
# the same (empty, new) files every time, whatever earlier tests left behind.
pytestmark = pytest.mark.fresh_tables


def _recorded(run: Callable[[], object]) -> list[tuple[str, object]]:
    """Run `run`; return the SELECT statements it sent that read cases or notifications."""
    seen: list[tuple[str, object]] = []

    def note(_conn, _cursor, statement, parameters, *_args) -> None:
        reads = re.search(rf"\b({'|'.join(TABLES)})\b", statement)
        if statement.lstrip().upper().startswith("SELECT") and reads:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert seen, "the list sent no query"
    return seen


def _sqlite_scans(statement: str, parameters) -> list[str]:
    plan = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return [row[3] for row in plan if re.match(rf"SCAN ({'|'.join(TABLES)})\b", row[3])]


def _pg_nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from _pg_nodes(child)


def _pg_scans(statement: str, parameters) -> list[str]:
    conn = db.session.connection()
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    raw = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar_one()
    plan = raw if isinstance(raw, list) else json.loads(raw)
    return [f"{n['Node Type']} on {n['Relation Name']}" for n in _pg_nodes(plan[0]["Plan"])
            if n.get("Relation Name") in TABLES
            and not (n.get("Index Cond") or n["Node Type"] == "Bitmap Heap Scan")]


def full_scans(run: Callable[[], object]) -> list[str]:
    """Return every full scan of cases or notifications in the plans of what `run` queried."""
    explain = _pg_scans if db.engine.dialect.name == "postgresql" else _sqlite_scans
    found = [scan for statement, parameters in _recorded(run) for scan in explain(statement, parameters)]
    db.session.rollback()
    return found


@pytest.fixture
def lene(app, api):
    """Return Lene (chair of lok-skole) and her committee, with a case in each inbox group."""
    anna, chair = api("anna"), api("lene")
    chair.fire(chair.fire(anna.submit(), "accept"), "resolve", answer="Ja")
    chair.fire(chair.fire(anna.submit(), "accept"), "schedule", meeting_date="2027-01-10")
    anna.submit()
    with app.app_context():
        yield (db.session.scalar(select(Person).where(Person.email == "lene@example.dk")),
               db.session.scalar(select(Committee).where(Committee.key == "lok-skole")))


def _far_cursor() -> Cursor:
    return Cursor(utcnow() + timedelta(days=1), 10**9)


def test_the_inbox_reads_each_group_through_an_index(lene):
    person, committee = lene
    initial = {n: e.definition.initial for n, e in engines().items()}
    for wanted in (queries.InboxFilter(initial), queries.InboxFilter(initial, page=2, size=1),
                   queries.InboxFilter(initial, state="accepted"),
                   queries.InboxFilter(initial, workflow="question")):
        assert full_scans(lambda w=wanted: queries.inbox(db.session, person, committee, w)) == []


def test_a_committees_cases_are_read_through_an_index_by_page_and_by_cursor(lene):
    person, committee = lene
    for options in ({"page": 1}, {"page": 3}, {"page": 1, "after": _far_cursor()},
                    {"page": 1, "state": "submitted"}):
        options.setdefault("state", None)
        assert full_scans(lambda o=options: queries.committee_cases(
            db.session, person, committee, size=2, **o)) == []


def test_mine_sager_and_notifications_are_read_through_an_index(lene, app):
    anna = db.session.scalar(select(Person).where(Person.email == "anna@example.dk"))
    person, _committee = lene
    for after in (None, _far_cursor()):
        assert full_scans(lambda a=after: queries.my_cases(db.session, anna, after=a, size=2)) == []
        assert full_scans(lambda a=after: notifications.notification_page(db.session, person, a, 2)) == []


def test_the_navigation_counts_read_through_an_index(lene):
    person, committee = lene
    assert full_scans(lambda: queries.open_counts(db.session, person, [committee], cap=100)) == []
    assert full_scans(lambda: notifications.unread_count(db.session, person)) == []


def test_the_cases_a_committee_sent_on_are_read_through_an_index(app, api, lene):
    person, committee = lene
    api("lene").fire(api("lene").fire(api("anna").submit(), "accept"), "forward", comment="Op")
    closed = api("lene").fire(api("lene").fire(api("anna").submit(), "accept"), "forward", comment="Op")
    api("ole").fire(api("ole").fire(closed, "accept"), "resolve", answer="Ja", outcome="decision")
    assert len(sent_on(db.session, person, committee).items) == 2
    assert full_scans(lambda: sent_on(db.session, person, committee)) == []
