"""Benchmark (not a test): the shared machine vs a machine per call, and fire_event throughput.

Run with `make bench`. Prints µs per event for the pure engine and events/s end to end on a
temporary SQLite database.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench")

from transitions import Machine  # noqa: E402

from medflow import create_app  # noqa: E402
from medflow.domain.engine import WorkflowEngine, _machine_config  # noqa: E402
from medflow.domain.guards import FireContext  # noqa: E402
from medflow.domain.loader import load_workflows  # noqa: E402
from medflow.extensions import db  # noqa: E402
from medflow.persistence.models import Person  # noqa: E402
from medflow.services.cases import NewCase, fire_event, submit_case  # noqa: E402
from medflow.workflows import engines  # noqa: E402
from tests.factories import load_org  # noqa: E402

CTX = FireContext(now=datetime.now(UTC))
ROLES = frozenset({"chair"})
STEPS = [("submitted", "accept"), ("accepted", "schedule"), ("scheduled", "forward")]


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


def end_to_end(cases: int = 200) -> tuple[int, float]:
    """Return (events, seconds) for accept + 3 × schedule + resolve on `cases` cases, SQLite."""
    folder = tempfile.mkdtemp(prefix="medflow-bench-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db"})
    with app.app_context():
        db.create_all()
        load_org(db.session)
        anna = db.session.query(Person).filter_by(email="anna@example.dk").one()
        lene = db.session.query(Person).filter_by(email="lene@example.dk").one()
        ids = [submit_case(db.session, engines(), anna, NewCase("question", f"Sag {i}")).id
               for i in range(cases)]
        plan = [("accept", {})] + [("schedule", {"meeting_date": "2025-05-01"})] * 3 + [
            ("resolve", {"answer": "Svar"})]
        start = time.perf_counter()
        for case_id in ids:
            for version, (event, fields) in enumerate(plan, start=1):
                fire_event(db.session, engines(), lene, case_id, event, version, fields)
        seconds = time.perf_counter() - start
    return cases * len(plan), seconds


def main() -> None:
    """Print the figures."""
    shared, per_call = engine_figures()
    print(f"engine, shared machine (WorkflowEngine.fire): {shared:7.1f} µs/event")
    print(f"engine, a transitions.Machine per call:       {per_call:7.1f} µs/event "
          f"({per_call / shared:.1f}× slower)")
    events, seconds = end_to_end()
    print(f"fire_event end to end, SQLite (temp file):    {events / seconds:7.0f} events/s "
          f"({events} events in {seconds:.2f} s, {seconds / events * 1e3:.2f} ms/event)")


if __name__ == "__main__":
    main()
