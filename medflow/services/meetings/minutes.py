"""Minutes per item; a case item's decision is an event fired through the case service; approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from medflow.domain.engine import WorkflowEngine
from medflow.domain.errors import (
    Invalid,
    MedflowError,
    NotPossible,
    StaleVersion,
    Unknown,
    _,
)
from medflow.persistence.base import utcnow
from medflow.persistence.models import Meeting, MeetingItem, MinutesAddendum, Person
from medflow.services import cases as case_service
from medflow.services.meetings import approval
from medflow.services.meetings import decision_rules as rules
from medflow.services.meetings.agenda import clean_text
from medflow.services.meetings.decision_rules import POSTPONED
from medflow.services.meetings.planning import (
    lock,
    next_or_new_meeting,
    require_officer,
    require_open,
    visible_meeting,
)
from medflow.services.meetings.timing import require_started

NOT_DECISIONS = ("schedule", "unschedule", "accept", "withdraw", "reopen")
STALE_ITEM = _("Someone else recorded minutes for this item first. Reload it and try again.")
MAX_MINUTES = 20_000


def decision_choices(session: Session, engines: dict[str, WorkflowEngine], person: Person,
                     item: MeetingItem) -> list[str]:
    """Return the decisions the person may record for a case item now (events, then postponed)."""
    if item.kind != "case" or item.case is None:
        return []
    actions = case_service.allowed_actions(session, engines, person, item.case)
    return [a for a in actions if a not in NOT_DECISIONS] + [POSTPONED]


def _item(session: Session, person: Person, item_id: int) -> MeetingItem:
    item = session.get(MeetingItem, item_id)
    if item is None:
        raise Unknown(_("Item %(id)s was not found."), id=item_id)
    visible_meeting(session, person, item.meeting_id)
    return item


def meeting_of_item(session: Session, person: Person, item_id: int) -> int:
    """Return the meeting an item the person may see belongs to."""
    return _item(session, person, item_id).meeting_id


def _write(session: Session, item: MeetingItem, person: Person, minutes: str, decision: str | None,
           data: dict, internal: bool, now: datetime) -> None:
    """Change the item and send its version-guarded UPDATE now (409 if another secretary was first)."""
    item.minutes, item.decision, item.decision_data, item.internal = minutes, decision, data, internal
    item.recorded_by_id, item.recorded_at = person.id, now
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise StaleVersion(STALE_ITEM) from None


def record_minutes(session: Session, engines: dict[str, WorkflowEngine], person: Person, item_id: int,
                   version: object, minutes: object, decision: object = None,
                   fields: dict[str, Any] | None = None, internal: bool = False,
                   now: datetime | None = None, case_version: object = None,
                   choose_outcome: bool = False) -> MeetingItem:
    """Write an item's minutes; for a case item fire the decision's event in the same transaction.

    `case_version` is the case as the secretary saw it on the minutes page (default: as it was
    put on the agenda); a case that moved since is refused, saying where it is now. With
    `choose_outcome` (the web form) an answer needs an outcome chosen; the API keeps its default.
    """
    now = now or utcnow()
    item = _item(session, person, item_id)
    require_officer(session, person, item.meeting.committee_id)
    require_open(lock(session, item.meeting))
    if str(version) != str(item.version):
        raise StaleVersion(STALE_ITEM)
    text = clean_text("minutes", minutes, MAX_MINUTES, False)
    decision = decision.strip() if isinstance(decision, str) and decision.strip() else None
    if item.decision not in (None, POSTPONED):  # its event is fired: only the text may still change
        if decision not in (None, item.decision):
            raise NotPossible(_("The decision on this item is recorded; it cannot be changed here."))
        _write(session, item, person, text, item.decision, item.decision_data, bool(internal), now)
    elif decision is None or decision == POSTPONED or item.kind != "case":
        if decision is not None and item.kind != "case":
            raise Invalid(_("decision is only for case items."))
        if item.case is not None:
            rules.check_typed_fields(engines[item.case.workflow], item, decision, fields or {})
        if decision is not None:
            require_started(item.meeting, now)
        _write(session, item, person, text, decision, {}, bool(internal), now)
    else:
        return _decide(session, engines, person, item, _Decision(
            text, decision, dict(fields or {}), bool(internal), case_version, choose_outcome), now)
    session.commit()
    return item


@dataclass(frozen=True)
class _Decision:
    """What the secretary wrote and chose for a case item."""

    text: str
    event: str
    fields: dict[str, Any]
    internal: bool
    case_version: object
    choose_outcome: bool = False


def _decide(session: Session, engines: dict[str, WorkflowEngine], person: Person, item: MeetingItem,
            d: _Decision, now: datetime) -> MeetingItem:
    """Record a case item's decision and fire it as the case's event; both commit or neither does."""
    require_started(item.meeting, now)
    engine = engines[item.case.workflow]
    version = rules.check_case_unmoved(engine, item, d.case_version)
    if d.event not in decision_choices(session, engines, person, item):
        raise NotPossible(_("decision %(decision)s is not possible for this case now."),
                          decision=rules.event_label(engine, d.event))
    rules.check_typed_fields(engine, item, d.event, d.fields)
    if d.choose_outcome:
        rules.check_outcome_chosen(engine, item, d.event, d.fields)
    fields = {**d.fields, "comment": d.fields.get("comment") or d.text}
    _write(session, item, person, d.text, d.event, {k: v for k, v in fields.items() if v}, d.internal, now)
    try:
        case_service.fire_event(session, engines, person, item.case_id, d.event, version, fields, now=now)
    except MedflowError:
        session.rollback()
        raise
    return item


def approve(session: Session, engines: dict[str, WorkflowEngine], person: Person, meeting_id: int,
            version: object, *, mail=None, now: datetime | None = None,
            one_approver: str | None = None) -> Meeting:
    """The chair or vice chair approves; once both have, the minutes are final and undecided cases roll over."""
    now = now or utcnow()
    complete = approval.approve_side(session, person, meeting_id, version, setting=one_approver, mail=mail,
                                     now=now)
    meeting = session.get(Meeting, meeting_id)
    if complete:
        roll_over(session, engines, person, meeting, now)
    return meeting


def roll_over(session: Session, engines: dict[str, WorkflowEngine], person: Person, meeting: Meeting,
              now: datetime) -> list[int]:
    """Put each undecided case still on the agenda on the committee's next meeting (a `schedule` event)."""
    moved = []
    for item in [i for i in meeting.items if i.kind == "case" and i.decision in (None, POSTPONED)]:
        case = item.case
        if case.state != "scheduled" or case.holder_id != meeting.committee_id:
            continue
        target = next_or_new_meeting(session, meeting)
        session.commit()
        try:
            case_service.fire_event(session, engines, person, case.id, "schedule", case.version,
                                    {"meeting": str(target.id)}, now=now)
        except MedflowError:  # the case moved meanwhile: it is no longer this committee's to carry
            session.rollback()
            continue
        moved.append(case.id)
    return moved


def add_addendum(session: Session, person: Person, meeting_id: int, text: object,
                 now: datetime | None = None) -> MinutesAddendum:
    """Add a dated correction to approved minutes."""
    meeting = visible_meeting(session, person, meeting_id)
    require_officer(session, person, meeting.committee_id)
    if meeting.approved_at is None:
        raise NotPossible(_("The minutes are not approved yet; correct them directly."))
    addendum = MinutesAddendum(author_id=person.id, text=clean_text("text", text, MAX_MINUTES, True),
                               created_at=now or utcnow())
    meeting.addenda.append(addendum)
    session.commit()
    return addendum
