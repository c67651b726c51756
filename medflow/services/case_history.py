"""A case's history as plain rows (`Step`): what an answer shows and what an event's listeners read.

Loading the history as mapped objects with their actors and committees cost an event more than any
statement it sends (every row and relation built and tracked by the session). An answer and the
listeners only read it, so it is read here as one plain statement with the names joined in.
`fire_event` reads it once, inside the event's transaction; while that event is recorded, the
steps are known to the session (`known_history`), so no listener reads the history again, and the
new row joins them as it is written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased

from medflow.persistence.models import Case, CaseEvent, Committee, Person

STEPS = "medflow.steps"  # session.info: case id -> its steps, while an event on the case is recorded


@dataclass(frozen=True, slots=True)
class Written:
    """A history row just inserted, as its columns: what the event's listeners read of it."""

    id: int
    case_id: int
    seq: int
    actor_id: int | None
    event: str
    from_state: str | None
    to_state: str
    from_committee_id: int | None
    to_committee_id: int
    comment: str | None
    data: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Step(Written):
    """A history row with the names an answer shows: the actor's, and the committees' keys."""

    actor_name: str | None
    actor_email: str | None
    from_key: str | None
    to_key: str


_COLUMNS = tuple(f.name for f in fields(Written))


@dataclass(frozen=True)
class History:
    """A case's steps, oldest first, and the facts an answer shows that no event changes."""

    steps: list[Step]
    origin_key: str
    submitter: dict[str, str] | None  # name and email; None once anonymised or for medflow's own cases


_ROWS, _CASE = CaseEvent.__table__.c, Case.__table__.c
_ACTOR, _SUBMITTER = aliased(Person.__table__), aliased(Person.__table__)
_FROM, _TO, _ORIGIN = aliased(Committee.__table__), aliased(Committee.__table__), aliased(Committee.__table__)
_STEPS = (select(*(_ROWS[name] for name in _COLUMNS), _ACTOR.c.name, _ACTOR.c.email, _FROM.c.key, _TO.c.key,
                 _ORIGIN.c.key.label("origin_key"), _SUBMITTER.c.name.label("submitter_name"),
                 _SUBMITTER.c.email.label("submitter_email"))
          .select_from(Case.__table__)
          .join(_ORIGIN, _ORIGIN.c.id == _CASE.origin_id)
          .outerjoin(_SUBMITTER, _SUBMITTER.c.id == _CASE.submitter_id)
          .outerjoin(CaseEvent.__table__, _ROWS.case_id == _CASE.id)  # a row of facts even with no history
          .outerjoin(_ACTOR, _ACTOR.c.id == _ROWS.actor_id)
          .outerjoin(_FROM, _FROM.c.id == _ROWS.from_committee_id)
          .outerjoin(_TO, _TO.c.id == _ROWS.to_committee_id)
          .where(_CASE.id == bindparam("of_case")).order_by(_ROWS.seq))
_STEP_COLUMNS = len(fields(Step))


def read_history(session: Session, case_id: int) -> History:
    """Return the case's history, oldest first, with its origin and submitter, in one statement
    (the same however long the history is)."""
    rows = session.connection().execute(_STEPS, {"of_case": case_id}).all()
    first = rows[0]
    return History([Step(*row[:_STEP_COLUMNS]) for row in rows if row[0] is not None], first.origin_key,
                   None if first.submitter_email is None
                   else {"name": first.submitter_name, "email": first.submitter_email})


@contextmanager
def steps_known(session: Session, case_id: int, steps: list[Step]) -> Iterator[None]:
    """Let what runs inside (guards, the record, its listeners) find the case's steps without a read."""
    known = session.info.setdefault(STEPS, {})
    known[case_id] = steps
    try:
        yield
    finally:
        known.pop(case_id, None)


def known_history(session: Session, case: Case) -> Sequence[Step | CaseEvent] | None:
    """Return the case's history if it is at hand (loaded, or read by the event being recorded), else None."""
    if "history" in case.__dict__:
        return case.history
    return session.info.get(STEPS, {}).get(case.id)


def add_step(session: Session, case: Case, row: Written) -> None:
    """Append a just-written history row to the case's known steps (if any), with its names.

    The actor (the caller) and the committees (the case's holder before and after) are in the
    session already, so naming them reads nothing; a holder not loaded yet is read once.
    """
    steps = session.info.get(STEPS, {}).get(case.id)
    if steps is None:
        return
    actor = session.get(Person, row.actor_id) if row.actor_id is not None else None
    from_key = session.get(Committee, row.from_committee_id).key if row.from_committee_id is not None else None
    to_key = session.get(Committee, row.to_committee_id).key
    steps.append(Step(*(getattr(row, name) for name in _COLUMNS), actor.name if actor else None,
                      actor.email if actor else None, from_key, to_key))
