"""p50/p95 of the pages people open most, through Flask's test client (the whole app, no network)."""

from __future__ import annotations

import statistics
import time

from flask import Flask
from sqlalchemy import func, select

from medflow.extensions import db
from medflow.persistence.models import Case, Committee, Membership, Person
from medflow.services.people.users import issue_token

WORKPLACE = "lok-skovvejens-skole"  # generate.BUSY: it opens 40 % of all cases
DEEP_PAGE = 40
TOP = "kommunemed"
PAGE_SIZE = 25


def _chair(key: str) -> tuple[Person, Committee]:
    committee = db.session.scalar(select(Committee).where(Committee.key == key))
    person_id = db.session.scalar(select(Membership.person_id).where(
        Membership.committee_id == committee.id, Membership.role == "chair"))
    return db.session.get(Person, person_id), committee


def _busiest_submitter() -> Person:
    person_id = db.session.execute(select(Case.submitter_id, func.count()).group_by(Case.submitter_id)
                                   .order_by(func.count().desc()).limit(1)).first()[0]
    return db.session.get(Person, person_id)


def _client(app: Flask, session_id: str):
    """Return a test client logged in with the person's session id (Flask-Login's session keys)."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "da"
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = session_id, True  # id:session token, as at log-in
    return client


def _deep_page(committee: Committee) -> int:
    """Return page 40 of the committee's inbox, or its middle page when it has fewer open cases.

    Page 40 (1,000 cases in) is where the issue measured deep pages of the busy committee.
    """
    open_cases = db.session.scalar(select(func.count()).where(Case.holder_id == committee.id,
                                                              Case.closed_at.is_(None))) or 0
    return max(min(open_cases // PAGE_SIZE // 2, DEEP_PAGE), 1)


def targets(app: Flask) -> list[tuple[str, object, str, dict]]:
    """Return (name, client, path, headers) for every page measured."""
    with app.app_context():
        chair, workplace = _chair(WORKPLACE)
        top_chair = _chair(TOP)[0].get_id()
        busy = _busiest_submitter().get_id()
        token = issue_token(db.session, chair.email)
        deep = _deep_page(workplace)
        case_id = db.session.scalar(select(func.max(Case.id)).where(Case.holder_id == workplace.id,
                                                                    Case.closed_at.is_not(None)))
        chair = chair.get_id()
        db.session.remove()
    api = app.test_client()
    bearer = {"Authorization": f"Bearer {token}"}
    pages, top_pages, busy_pages = _client(app, chair), _client(app, top_chair), _client(app, busy)
    return [
        ("inbox API, first page", api, f"/api/v1/committees/{WORKPLACE}/cases", bearer),
        ("inbox API, deep page", api, f"/api/v1/committees/{WORKPLACE}/cases?page={deep}", bearer),
        ("inbox page, first page", pages, f"/committees/{WORKPLACE}", {}),
        ("inbox page, deep page", pages, f"/committees/{WORKPLACE}?page={deep}", {}),
        ("case page", pages, f"/cases/{case_id}", {}),
        ("Mine sager (busiest submitter)", busy_pages, "/cases", {}),
        ("committee page (KommuneMED)", top_pages, f"/committees/{TOP}", {}),
        ("front page", pages, "/", {}),
    ]


def _percentiles(samples: list[float], prefix: str = "") -> dict:
    cuts = statistics.quantiles(samples, n=20)
    return {f"{prefix}p50_ms": round(statistics.median(samples), 2), f"{prefix}p95_ms": round(cuts[18], 2)}


def measure(app: Flask, rounds: int = 40) -> dict[str, dict]:
    """Return p50/p95 in ms of every target (after two warm-up requests each): wall clock and CPU.

    The CPU time is this process's (the app and, for SQLite, the database library): on a machine
    shared with other work it moves far less than the wall clock does.
    """
    result = {}
    for name, client, path, headers in targets(app):
        wall, cpu = [], []
        for i in range(rounds + 2):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path, headers=headers, follow_redirects=True)
            elapsed, elapsed_cpu = (time.perf_counter() - start) * 1e3, (time.process_time() - start_cpu) * 1e3
            assert response.status_code == 200, (path, response.status_code)
            assert response.request.path != "/login", (path, "measured the log-in page, not the page")
            if i >= 2:
                wall.append(elapsed)
                cpu.append(elapsed_cpu)
        result[name] = {"path": path, **_percentiles(wall), **_percentiles(cpu, "cpu_")}
    return result


def growth(small: dict[str, dict], large: dict[str, dict], key: str = "p95_ms") -> dict[str, float]:
    """Return, per page, `key` (p95 by default) at the large size divided by it at the small one."""
    return {name: round(large[name][key] / small[name][key], 2) for name in small if name in large}
