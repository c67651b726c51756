"""Marking a work-environment action-plan item done (with the date) or not done again.

Like sharing an answer, it is no change of the case's state but a fact about the case: an
append-only history row with the same state on both sides (`action_item_done`,
`action_item_undone`), written in the same transaction and guarded by the case's version. Whoever
handles the case (holds a role in the holding committee that fires its events) may do it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from medflow.domain import values
from medflow.domain.calendar import local_date
from medflow.domain.definitions import SUBMITTER, WorkflowDefinition
from medflow.domain.errors import Invalid, NotAllowed, NotPossible, StaleVersion, Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import ActionItem, Case, Person
from medflow.services.access import visible_case_and_roles
from medflow.services.case_record import STALE, append_history
from medflow.services.cases import ANONYMISED

DONE_EVENT, UNDONE_EVENT = "action_item_done", "action_item_undone"


def handler_roles(definition: WorkflowDefinition) -> set[str]:
    """Return the roles that fire the workflow's events on a case (the submitter's withdrawal aside)."""
    return {r for t in definition.transitions for r in t.roles} - {SUBMITTER}


def may_mark(session: Session, definition: WorkflowDefinition, person: Person, case: Case,
             roles: set[str] | None = None) -> bool:
    """Tell whether `person` handles the case: a role in its holding committee that fires its events."""
    if case.anonymised_at is not None or not case.action_items:
        return False
    if roles is None:
        roles = visible_case_and_roles(session, person, case.id)[1]
    return bool(roles & handler_roles(definition))


def parse_done_on(raw: Any, today: date) -> date | None:
    """Return the done date asked for (None: not done); refuse a bad or future date."""
    if raw is None or raw == "":
        return None
    done = values.day("done_on", raw, today)
    if done > today:
        raise Invalid(_("done_on cannot be after today (%(today)s)."), today=today.isoformat())
    return done


def mark(session: Session, engines: dict, person: Person, case_id: int, item_id: int, done_on: date | None,
         version: Any, now: datetime | None = None) -> Case:
    """Set (or clear, with None) an item's done date as the case's handler, note it in the history; commit."""
    now = now or utcnow()
    case, roles = visible_case_and_roles(session, person, case_id)
    item = next((i for i in case.action_items if i.id == item_id), None)
    if item is None:
        raise Unknown(_("Action-plan item %(id)s was not found."), id=item_id)
    if values.version(version) != case.version:
        raise StaleVersion(STALE)
    if case.anonymised_at is not None:
        raise NotPossible(ANONYMISED)
    if not may_mark(session, engines[case.workflow].definition, person, case, roles):
        raise NotAllowed(_("Only the committee handling the case may mark its action plan."))
    if item.done_on == done_on:
        raise NotPossible(_("The action-plan item is already so."))
    _note(session, case, item, person, done_on, now)
    return case


def _note(session: Session, case: Case, item: ActionItem, person: Person, done_on: date | None,
          now: datetime) -> None:
    """Write the date and the history row, touching the case so its version guards the change."""
    item.done_on = done_on
    case.updated_at = now
    try:
        session.flush()  # the version-guarded UPDATE: someone else's change in between is refused
        append_history(session, case, dict(
            actor_id=person.id, event=DONE_EVENT if done_on else UNDONE_EVENT, from_state=case.state,
            to_state=case.state, from_committee_id=case.holder_id, to_committee_id=case.holder_id,
            comment=None, created_at=now,
            data={"action_item": item.id, **({"done_on": done_on.isoformat()} if done_on else {})}))
        session.commit()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise StaleVersion(STALE) from None


def today_for(now: datetime | None = None) -> date:
    """Return the kommune's date now: the default done date."""
    return local_date(now or utcnow())
