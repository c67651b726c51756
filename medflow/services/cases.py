"""Submitting cases and firing events on them: each call commits everything or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from medflow.domain import values
from medflow.domain.calendar import local_date
from medflow.domain.engine import Unavailable, WorkflowEngine, unavailable_events
from medflow.domain.errors import Invalid, NotPossible, StaleVersion, _
from medflow.domain.fields import clean_event_fields
from medflow.domain.guards import FireContext
from medflow.domain.limits import TEXT_MAX
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, CaseEvent, Committee, Person
from medflow.services.access import actor_roles, visible_case, visible_case_and_roles  # noqa: F401
from medflow.services.case_history import History, read_history, steps_known
from medflow.services.case_record import STALE, record, state_due
from medflow.services.hooks import case_event_added, resolve_event_fields
from medflow.services.place import CasePlace, came_from  # noqa: F401 - visible_case, came_from: for views

MAX_TITLE = TEXT_MAX["title"]
MAX_DESCRIPTION = TEXT_MAX["description"]
ANONYMISED = _("The case was anonymised after the retention period and cannot be changed.")


@dataclass(frozen=True)
class NewCase:
    """What a submitter fills in."""

    workflow: str
    title: str
    description: str = ""
    confidential: bool = False
    topic: str | None = None
    extra: dict[str, Any] | None = None  # workflow-specific: category, location, what_happened


def engine_for(engines: dict[str, WorkflowEngine], name: Any) -> WorkflowEngine:
    """Return the engine of a workflow, or raise Invalid naming the ones that exist."""
    open_to_all = sorted(n for n, e in engines.items() if e.definition.submittable)
    if not isinstance(name, str) or name not in open_to_all:
        raise Invalid(
            _("Unknown workflow %(name)s (choose one of: %(names)s)."),
            name=name, names=", ".join(open_to_all),
        )
    return engines[name]


def _clean_extra(engine: WorkflowEngine, extra: dict[str, Any]) -> dict[str, Any]:
    wf = engine.definition
    if wf.categories and extra.get("category") not in wf.categories:
        raise Invalid(
            _("category must be one of: %(choices)s."), choices=", ".join(wf.categories)
        )
    data = {k: values.text(k, v) for k, v in extra.items() if k in wf.submit_fields}
    return {k: v for k, v in data.items() if v}


def _check_text(new: NewCase) -> None:
    """Refuse a missing or over-long title (never cut it) and a description that is not fit text."""
    if not isinstance(new.title, str) or not new.title.strip():
        raise Invalid(_("A title is required."))
    if len(new.title.strip()) > MAX_TITLE:
        raise Invalid(_("The title may be at most %(n)s characters."), n=MAX_TITLE)
    values.text("title", new.title)
    if not isinstance(new.description, str) or len(new.description.strip()) > MAX_DESCRIPTION:
        raise Invalid(_("The description must be text of at most %(n)s characters."), n=MAX_DESCRIPTION)
    values.text("description", new.description)


def _deadlines(engine: WorkflowEngine, data: dict[str, Any], now: datetime) -> dict[str, str]:
    """Date each statutory deadline from the kommune's date of submission (calendar days, by law).

    An accident reported at half past midnight in Copenhagen is reported that day, not the day
    before as the UTC date would have it.
    """
    return {
        d.key: (local_date(now) + timedelta(days=d.days)).isoformat()
        for d in engine.definition.statutory_deadlines
        if d.when_category in (None, data.get("category"))
    }


def submit_case(
    session: Session,
    engines: dict[str, WorkflowEngine],
    submitter: Person,
    new: NewCase,
    *,
    start: Committee | None = None,
    now: datetime | None = None,
) -> Case:
    """Open a case at the submitter's workplace committee (or `start`) and record it."""
    now = now or utcnow()
    engine = engine_for(engines, new.workflow)
    _check_text(new)
    if submitter.workplace_id is None:
        raise Invalid(_("You have no workplace committee, so a case cannot be opened for you."))
    data = _clean_extra(engine, new.extra or {})
    if deadlines := _deadlines(engine, data, now):
        data["deadlines"] = deadlines
    initial = engine.definition.initial
    holder_id = start.id if start is not None else submitter.workplace_id
    case = Case(
        workflow=new.workflow, topic=new.topic, title=new.title.strip(),
        description=new.description.strip(), confidential=bool(new.confidential),
        state=initial, holder_id=holder_id, submitter_id=submitter.id,
        origin_id=submitter.workplace_id, data=data, created_at=now, updated_at=now,
        state_due_at=state_due(engine, initial, now),
    )
    session.add(case)
    session.flush()
    first = CaseEvent(
        case_id=case.id, seq=1, actor_id=submitter.id, event="submit", from_state=None,
        to_state=initial, from_committee_id=None, to_committee_id=holder_id,
        comment=None, data={}, created_at=now,
    )
    session.add(first)
    session.flush()
    case_event_added(session, case, first)
    session.commit()
    return case


def allowed_actions(
    session: Session, engines: dict[str, WorkflowEngine], person: Person, case: Case,
    now: datetime | None = None,
) -> list[str]:
    """Return the events `person` may fire on `case` now (not those that must wait: answers never show them)."""
    engine = engines[case.workflow]
    roles, ctx = _roles_and_context(session, engine, person, case, now)
    return engine.allowed_events(case.state, roles, ctx)


def actions_and_unavailable(
    session: Session, engines: dict[str, WorkflowEngine], person: Person, case: Case,
    now: datetime | None = None,
) -> tuple[list[str], list[Unavailable]]:
    """Return the events `person` may fire now, and those that must wait (with the reason)."""
    engine = engines[case.workflow]
    roles, ctx = _roles_and_context(session, engine, person, case, now)
    return engine.allowed_events(case.state, roles, ctx), unavailable_events(engine, case.state, roles, ctx)


def _roles_and_context(session: Session, engine: WorkflowEngine, person: Person, case: Case,
                       now: datetime | None) -> tuple[set[str], FireContext]:
    """Return the person's roles on the case and what the guards of every event they may fire read."""
    roles = actor_roles(session, person, case)
    guards = engine.guards_needed(case.state, roles=roles)
    return roles, CasePlace(session, case).context(engine, now or utcnow(), guards)


def _parse_version(version: Any) -> int:
    return values.version(version)


def fire_event(
    session: Session,
    engines: dict[str, WorkflowEngine],
    person: Person,
    case_id: int,
    event: Any,
    version: Any,
    fields: dict[str, Any],
    *,
    now: datetime | None = None,
) -> Case:
    """Apply one event to a case and append it to the history, or change nothing and raise."""
    return fire_and_read(session, engines, person, case_id, event, version, fields, now=now, read=False)[0]


def fire_and_read(
    session: Session,
    engines: dict[str, WorkflowEngine],
    person: Person,
    case_id: int,
    event: Any,
    version: Any,
    fields: dict[str, Any],
    *,
    now: datetime | None = None,
    read: bool = True,
) -> tuple[Case, History | None]:
    """Apply one event as `fire_event` does; with `read`, also return the case's history, the new row last.

    The history is read as plain steps (one statement) inside the event's transaction, before the
    event: its guards and listeners find it there, and an answer showing the case needs nothing
    read after the commit.
    """
    case, roles = visible_case_and_roles(session, person, case_id, facts=False)
    if not read:
        return _fire(session, engines, case, roles, person, event, version, fields, now or utcnow()), None
    history = read_history(session, case.id)
    with steps_known(session, case.id, history.steps):
        return _fire(session, engines, case, roles, person, event, version, fields, now or utcnow()), history


def _fire(session: Session, engines: dict[str, WorkflowEngine], case: Case, roles: set[str], person: Person,
          event: Any, version: Any, fields: dict[str, Any], now: datetime) -> Case:
    """Check the event against the case as read and the caller's roles; record it or raise."""
    if not values.key("event", event):
        raise Invalid(_("event is required."))
    if _parse_version(version) != case.version:
        raise StaleVersion(STALE)
    if case.anonymised_at is not None:
        raise NotPossible(ANONYMISED)
    engine = engines[case.workflow]
    transition = engine.check(case.state, event, roles)
    resolved = resolve_event_fields(session, case, event, dict(fields))  # e.g. a meeting for meeting_date
    cleaned = clean_event_fields(transition, resolved, now.date())
    cleaned.update(dict.fromkeys(transition.clears))  # e.g. taken off the agenda: no meeting date any more
    place = CasePlace(session, case)  # the tree and came_from: loaded once, and only if needed
    ctx = place.context(engine, now, engine.guards_needed(case.state, event))
    new_state = engine.fire(case.state, event, roles, ctx)
    dest = place.destination(transition.route, cleaned.get("target"))
    return record(session, case, engine, event, person.id, new_state, dest, cleaned, now)
