"""Approving the minutes: the chair (management) and the vice chair (employees) each approve.

Until every side has approved, the minutes are a draft the members can read; the first approval
freezes the text (an approver may take theirs back while the other is outstanding). Committees
whose rules say otherwise are named in MINUTES_ONE_APPROVER: their chair alone approves.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import NotAllowed, NotPossible, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import Meeting, Membership, MinutesApproval, Person
from medflow.services import hooks
from medflow.services.meetings import notices
from medflow.services.meetings.agenda import touch
from medflow.services.meetings.planning import (
    check_version,
    commit_or_stale,
    committee_roles,
    lock,
    visible_meeting,
)
from medflow.services.meetings.timing import require_started

SIDES = ("chair", "vice_chair")  # management, then the employee side


def one_approver(committee_key: str, setting: str | None) -> bool:
    """Tell whether the configuration lets this committee's chair approve alone ("*": every committee)."""
    keys = {k.strip() for k in (setting or "").split(",") if k.strip()}
    return "*" in keys or committee_key in keys


def required_sides(session: Session, meeting: Meeting, setting: str | None = None) -> tuple[str, ...]:
    """Return the sides that must approve: both, unless configured otherwise or there is no vice chair."""
    if one_approver(meeting.committee.key, setting):
        return ("chair",)
    has_vice = session.scalar(select(Membership.id).join(Person).where(
        Membership.committee_id == meeting.committee_id, Membership.role == "vice_chair",
        Person.active.is_(True)).limit(1))
    return SIDES if has_vice is not None else ("chair",)


def missing_sides(session: Session, meeting: Meeting, setting: str | None = None) -> list[str]:
    """Return the sides that have not approved yet."""
    done = {a.side for a in meeting.approvals}
    return [s for s in required_sides(session, meeting, setting) if s not in done]


def _side_for(session: Session, person: Person, meeting: Meeting, setting: str | None) -> str:
    """Return the side the person approves for, or raise why they cannot."""
    roles = committee_roles(session, person, meeting.committee_id)
    mine = [s for s in required_sides(session, meeting, setting) if s in roles]
    if not mine:
        raise NotAllowed(_("Only the chair and the vice chair of the committee approve the minutes."))
    if any(a.person_id == person.id for a in meeting.approvals):
        raise NotPossible(_("You have approved these minutes already."))
    open_sides = [s for s in mine if s not in {a.side for a in meeting.approvals}]
    if not open_sides:
        raise NotPossible(_("Your side has approved these minutes already."))
    return open_sides[0]


def _require_approvable(meeting: Meeting) -> None:
    if meeting.approved_at is not None:
        raise NotPossible(_("The minutes are approved and can no longer be changed; add an addendum."))
    if meeting.status == "cancelled":
        raise NotPossible(_("The meeting was cancelled."))


def approve_side(session: Session, person: Person, meeting_id: int, version: object, *,
                 setting: str | None = None, mail=None, now: datetime | None = None) -> bool:
    """Record the person's side's approval; return True when that completes the minutes (caller rolls over)."""
    now = now or utcnow()
    meeting = visible_meeting(session, person, meeting_id)
    check_version(lock(session, meeting), version)
    _require_approvable(meeting)
    require_started(meeting, now)
    side = _side_for(session, person, meeting, setting)
    meeting.approvals.append(MinutesApproval(side=side, person_id=person.id, approved_at=now))
    touch(meeting)  # the meeting's version moves on: forms showing the text before approval are stale
    session.flush()
    complete = not missing_sides(session, meeting, setting)
    if complete:
        chair = next(a for a in meeting.approvals if a.side == "chair")
        meeting.approved_at, meeting.approved_by_id = now, chair.person_id
        notices.tell_members(session, meeting, "minutes_approved", actor_id=person.id, mail=mail, now=now)
        hooks.minutes_approved(session, meeting, person, now)  # e.g. the annual pack freezes (medflow.wiring)
    else:
        _ask_the_others(session, meeting, person, mail, now, setting)
    commit_or_stale(session)
    return complete


def _ask_the_others(session: Session, meeting: Meeting, person: Person, mail, now: datetime,
                    setting: str | None) -> None:
    """Tell whoever holds a side still missing that the minutes await their approval."""
    missing = missing_sides(session, meeting, setting)
    people = set(session.scalars(select(Membership.person_id).join(Person).where(
        Membership.committee_id == meeting.committee_id, Membership.role.in_(missing),
        Person.active.is_(True)))) - {person.id}
    notices.tell(session, meeting, "minutes_awaiting_approval", people, mail=mail, now=now,
                 data={"approver": person.name})


def withdraw_approval(session: Session, person: Person, meeting_id: int, version: object) -> Meeting:
    """Take back one's own approval while the other side's is outstanding (the draft opens again)."""
    meeting = visible_meeting(session, person, meeting_id)
    check_version(lock(session, meeting), version)
    _require_approvable(meeting)
    mine = [a for a in meeting.approvals if a.person_id == person.id]
    if not mine:
        raise NotPossible(_("You have not approved these minutes."))
    for approval in mine:
        meeting.approvals.remove(approval)
    touch(meeting)
    commit_or_stale(session)
    return meeting
