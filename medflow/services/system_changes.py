"""Changes of a case that no person's form starts: escalation, anonymisation, a closed committee's transfer.

They go through the same engine as every event (`case_record.record` / `append_history`): the case's
version guards them, and each one is an append-only history row without (or with an admin) actor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from medflow.domain.engine import WorkflowEngine
from medflow.domain.errors import NotPossible, StaleVersion, Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case
from medflow.services.case_record import STALE, append_history, record
from medflow.services.cases import _parse_version
from medflow.services.place import CasePlace


def _at_version(session: Session, case_id: int, version: Any) -> Case:
    """Return the case if it is still at `version`; raise Unknown or StaleVersion otherwise."""
    case = session.get(Case, case_id)
    if case is None:
        raise Unknown(_("Case %(id)s was not found."), id=case_id)
    if _parse_version(version) != case.version:
        raise StaleVersion(STALE)
    return case


def fire_system_event(
    session: Session, engines: dict[str, WorkflowEngine], case_id: int, version: int, event: str,
    *, to_state: str, route: str | None, data: dict[str, Any], now: datetime | None = None,
) -> Case:
    """Apply a change the system decides (e.g. a deadline escalation): no person, no role check.

    The history row has no actor and records `data` (the rule that fired); the case version
    guards it like any event, so two sweeps never apply it twice.
    """
    now = now or utcnow()
    case = _at_version(session, case_id, version)
    engine = engines[case.workflow]
    dest = CasePlace(session, case).destination(route, None)
    return record(session, case, engine, event, None, to_state, dest, {}, now, extra=data)


def anonymise_case(
    session: Session, case_id: int, version: int, *, scrub: Callable[[Session, Case], None],
    data: dict[str, Any], now: datetime | None = None,
) -> Case:
    """Anonymise a closed case (retention): `scrub` removes personal text; state and holder stay.

    The history gets an `anonymise` row from the system with the same state and committee on
    both sides (so the replay still gives the case), no listener runs (nobody is told), and the
    version guards it like any event.
    """
    now = now or utcnow()
    case = _at_version(session, case_id, version)
    if case.closed_at is None or case.anonymised_at is not None:
        raise NotPossible(_("Only a closed case can be anonymised, and only once."))
    try:
        with session.no_autoflush:
            scrub(session, case)
            case.anonymised_at = case.updated_at = now
        session.flush()
        append_history(session, case, dict(
            actor_id=None, event="anonymise", from_state=case.state, to_state=case.state,
            from_committee_id=case.holder_id, to_committee_id=case.holder_id, comment=None,
            data=data, created_at=now))
        session.commit()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise StaleVersion(STALE) from None
    return case


def transfer_case(
    session: Session, engines: dict[str, WorkflowEngine], case_id: int, version: int, to_committee_id: int,
    *, actor_id: int | None, data: dict[str, Any], now: datetime | None = None,
) -> Case:
    """Move an open case, state unchanged, to the committee that takes over its holder's work.

    Used when an administrator closes a committee: a `transfer` history row records who moved
    it and why (`data`), version-guarded like every event.
    """
    now = now or utcnow()
    case = _at_version(session, case_id, version)
    engine = engines[case.workflow]
    return record(session, case, engine, "transfer", actor_id, case.state, to_committee_id, {}, now,
                   extra=data)
