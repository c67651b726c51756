"""Property: after any sequence of events, the `sent_on` rows agree with a recount from the history.

The rows are written by a case-event listener in the event's own transaction (a forward adds one,
closing and reopening set `closed_at`); a refused event must leave them as they were.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from medflow.domain.errors import MedflowError
from medflow.extensions import db
from medflow.persistence.models import Case, CaseEvent, Person, SentOn
from medflow.services.cases import NewCase, fire_event, submit_case
from medflow.services.sent_on import recount
from medflow.workflows import engines

PEOPLE = ("anna", "lene", "tove", "ole")  # a submitter, the workplace's officers, the area's chair
FIELDS = {"comment": "Videre", "answer": "Ja", "outcome": "decision",
          "meeting_date": (date.today() + timedelta(days=20)).isoformat()}
EVENTS = ("accept", "forward", "resolve", "reject", "withdraw", "reopen", "schedule", "refer", "unschedule")
# a step: open a new case (None), or let a person try an event on one of the newest cases (refused: nothing)
STEPS = st.lists(st.one_of(st.none(), st.tuples(st.integers(0, 2), st.integers(0, len(PEOPLE) - 1),
                                                st.sampled_from(EVENTS))), min_size=1, max_size=40)
# sent on, closed where it went, reopened by its submitter, and closed again
CHAIN = [None, (0, 1, "accept"), (0, 1, "forward"), (0, 3, "accept"), (0, 3, "resolve"), (0, 0, "reopen"),
         (0, 0, "withdraw")]


def _step(people: dict[str, Person], step) -> None:
    """Open a case, or fire one allowed event (a refused one changes nothing)."""
    if step is None:
        submit_case(db.session, engines(), people["anna"], NewCase("question", "Sag"))
        return
    which, who, event = step
    cases = db.session.scalars(select(Case).order_by(Case.id.desc()).limit(3)).all()
    if not cases:
        return
    case = cases[which % len(cases)]
    try:
        fire_event(db.session, engines(), people[PEOPLE[who]], case.id, event, case.version, FIELDS)
    except MedflowError:
        db.session.rollback()


def _agrees() -> None:
    """Check the rows against the history and each case's `closed_at`."""
    rows = db.session.execute(select(SentOn.committee_id, SentOn.case_id, SentOn.sent_at,
                                     SentOn.closed_at)).all()
    assert {(c, k): sent for c, k, sent, _ in rows} == recount(db.session)
    closed = dict(db.session.execute(select(Case.id, Case.closed_at)).all())
    assert all(at == closed[case_id] for _c, case_id, _sent, at in rows)


def test_the_sent_on_rows_agree_with_the_history_after_any_events(app, org):
    with app.app_context():
        people = {p: db.session.scalar(select(Person).where(Person.email == f"{p}@example.dk")) for p in PEOPLE}
        db.session.expunge_all()

    @settings(max_examples=40, derandomize=True, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(STEPS)
    @example(CHAIN)
    def run(steps) -> None:
        with app.app_context():
            here = {k: db.session.merge(p, load=False) for k, p in people.items()}
            for step in steps:
                _step(here, step)
            _agrees()
            db.session.remove()

    run()
    with app.app_context():  # the examples did forward, close and reopen cases sent on
        fired = set(db.session.scalars(select(CaseEvent.event).where(CaseEvent.case_id.in_(
            select(SentOn.case_id)))))
        assert {"forward", "reopen"} <= fired and fired & {"resolve", "reject", "withdraw"}, fired
