"""Benchmark (not a test): the shared machine vs a machine per call, and the cost of the event path.

Run with `make bench`. Prints µs per event for the pure engine; then, on a temporary SQLite
database, `fire_event` throughput and SQL statements per event for two plans (one committee:
accept, 3 × schedule, resolve; and up and back down: accept, forward, accept, refer, accept,
resolve) and the cost of `allowed_actions`. With `MEDFLOW_BENCH_PG_URL` set to a scratch
PostgreSQL database (its medflow tables are dropped and created again) it measures there too.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench")

from sqlalchemy import event as sa_event  # noqa: E402
from sqlalchemy import select  # noqa: E402
from transitions import Machine  # noqa: E402

from medflow import create_app  # noqa: E402
from medflow.config import database_url  # noqa: E402
from medflow.domain.engine import WorkflowEngine, _machine_config  # noqa: E402
from medflow.domain.guards import FireContext  # noqa: E402
from medflow.domain.loader import load_workflows  # noqa: E402
from medflow.extensions import db  # noqa: E402
from medflow.persistence.models import Case, Person  # noqa: E402
from medflow.services.cases import NewCase, allowed_actions, fire_event, submit_case  # noqa: E402
from medflow.workflows import engines  # noqa: E402
from tests.factories import load_org  # noqa: E402

CTX = FireContext(now=datetime.now(UTC))
ROLES = frozenset({"chair"})
STEPS = [("submitted", "accept"), ("accepted", "schedule"), ("scheduled", "forward")]
MEETING = {"meeting_date": "2025-05-01"}
# (who, event, fields): lene chairs lok-skole, ole chairs omr-born above it.
LOCAL_PLAN = [("lene", "accept", {})] + [("lene", "schedule", MEETING)] * 3 + [
    ("lene", "resolve", {"answer": "Svar"})]
ROUTED_PLAN = [("lene", "accept", {}), ("lene", "forward", {"comment": "Op"}),
               ("ole", "accept", {}), ("ole", "refer", {"comment": "Ned"}),
               ("lene", "accept", {}), ("lene", "resolve", {"answer": "Svar"})]


class _Token:
    state: str


def _per_event(fire, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for state, event in STEPS:
            fire(state, event)
    return (time.perf_counter() - start) / (rounds * len(STEPS)) * 1e6


def engine_figures(rounds: int = 3000) -> tuple[float, float]:
    """Return µs per event with the shared machine and with a machine built per call."""
    definition = load_workflows(ROOT / "workflows")["question"]
    shared = WorkflowEngine(definition)
    config = {k: v for k, v in _machine_config(definition).items() if k != "initial"}

    def per_call(state: str, event: str) -> str:
        token = _Token()
        Machine(model=token, initial=state, auto_transitions=False, send_event=True, **config)
        token.trigger(event, ctx=CTX)
        return token.state

    return (_per_event(lambda s, e: shared.fire(s, e, ROLES, CTX), rounds),
            _per_event(per_call, rounds))


class StatementCounter:
    """Count the SQL statements sent to the database while switched on."""

    def __init__(self, engine) -> None:
        self.count, self.on = 0, False
        sa_event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        self.count += self.on

    @contextmanager
    def counting(self) -> Iterator[None]:
        """Count the statements sent inside the block."""
        self.on = True
        try:
            yield
        finally:
            self.on = False


def _timed(counter: StatementCounter, work: Callable[[], int]) -> tuple[int, float, int]:
    """Run `work` (which returns how many operations it did); return (ops, seconds, statements)."""
    before = counter.count
    with counter.counting():
        start = time.perf_counter()
        ops = work()
        seconds = time.perf_counter() - start
    return ops, seconds, counter.count - before


def _run_plan(people: dict[str, Person], plan: list, ids: list[int]) -> int:
    for case_id in ids:
        for version, (who, event, fields) in enumerate(plan, start=1):
            fire_event(db.session, engines(), people[who], case_id, event, version, fields)
    return len(ids) * len(plan)


def _open_cases(people: dict[str, Person], n: int, label: str) -> list[int]:
    return [submit_case(db.session, engines(), people["anna"], NewCase("question", f"{label} {i}")).id
            for i in range(n)]


def _allowed_actions(person: Person, cases: list[Case]) -> int:
    for case in cases:
        allowed_actions(db.session, engines(), person, case)
    return len(cases)


def _report(name: str, unit: str, result: tuple[int, float, int]) -> None:
    ops, seconds, statements = result
    print(f"  {name:<34} {ops / seconds:7.0f} {unit}/s  {seconds / ops * 1e3:5.2f} ms/{unit}  "
          f"{statements / ops:5.1f} SQL statements/{unit}  ({ops} in {seconds:.2f} s)")


def end_to_end(url: str, label: str, cases: int = 200) -> None:
    """Print fire_event and allowed_actions figures on the database at `url`."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        emails = load_org(db.session)
        people = {who: db.session.scalar(select(Person).where(Person.email == emails[who]))
                  for who in ("anna", "lene", "ole")}
        counter = StatementCounter(db.engine)
        print(f"{label}:")
        local, routed = _open_cases(people, cases, "Lokal"), _open_cases(people, cases, "Op og ned")
        _report("fire_event, one committee", "event",
                _timed(counter, lambda: _run_plan(people, LOCAL_PLAN, local)))
        _report("fire_event, up and back down", "event",
                _timed(counter, lambda: _run_plan(people, ROUTED_PLAN, routed)))
        accepted = _open_cases(people, cases, "Ny")
        _run_plan(people, LOCAL_PLAN[:1], accepted)
        db.session.expire_all()
        loaded = list(db.session.scalars(select(Case).where(Case.id.in_(accepted))))
        lene = db.session.get(Person, people["lene"].id)
        _report("allowed_actions, accepted case", "call",
                _timed(counter, lambda: _allowed_actions(lene, loaded)))
        db.session.remove()
        db.engine.dispose()


def statements_per_event(url: str, cases: int = 50) -> dict:
    """Return `fire_event`'s SQL statements per event for both plans (for the suite's JSON)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MAIL_SEND_ON_COMMIT": False})
    with app.app_context():
        db.create_all()
        emails = load_org(db.session)
        people = {who: db.session.scalar(select(Person).where(Person.email == emails[who]))
                  for who in ("anna", "lene", "ole")}
        counter = StatementCounter(db.engine)
        local, routed = _open_cases(people, cases, "Lokal"), _open_cases(people, cases, "Op og ned")
        figures = {}
        for name, plan, ids in (("one_committee", LOCAL_PLAN, local), ("up_and_down", ROUTED_PLAN, routed)):
            ops, seconds, statements = _timed(counter, lambda p=plan, i=ids: _run_plan(people, p, i))
            figures[f"fire_event_{name}"] = {"events_per_s": round(ops / seconds),
                                             "statements_per_event": round(statements / ops, 2)}
        db.session.remove()
        db.engine.dispose()
    return figures


def main() -> None:
    """Print the figures."""
    shared, per_call = engine_figures()
    print(f"engine, shared machine (WorkflowEngine.fire): {shared:7.1f} µs/event")
    print(f"engine, a transitions.Machine per call:       {per_call:7.1f} µs/event "
          f"({per_call / shared:.1f}× slower)")
    folder = tempfile.mkdtemp(prefix="medflow-bench-")
    end_to_end(f"sqlite:///{folder}/bench.db", "SQLite (temp file, WAL)")
    if pg_url := os.environ.get("MEDFLOW_BENCH_PG_URL"):
        end_to_end(database_url(pg_url, Path(folder)), "PostgreSQL (MEDFLOW_BENCH_PG_URL)")


if __name__ == "__main__":
    main()
