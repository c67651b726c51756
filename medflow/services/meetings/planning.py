"""Planning meetings: create, move, cancel and delete them, and who may see or change them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from medflow.domain import values
from medflow.domain.calendar import local_date
from medflow.domain.errors import Invalid, MedflowError, NotAllowed, NotPossible, StaleVersion, Unknown, _
from medflow.domain.fields import parse_date
from medflow.persistence.base import utcnow
from medflow.persistence.models import (
    Committee,
    Meeting,
    MeetingItem,
    Membership,
    Notification,
    Person,
    TargetGroup,
)
from medflow.services.cycle import status as cycle_status
from medflow.services.meetings import notices, standing
from medflow.services.meetings.invitations import THEME_DAY, invited_meetings, mine_or_invited

OFFICERS = ("chair", "vice_chair", "secretary")
COMMUNICATION_TITLE = "Communication: who informs whom, how and when; stories for the newsletter"
STALE_MEETING = _("The meeting was changed by someone else. Reload it and try again.")
DEFAULT_START, DEFAULT_END = time(9, 0), time(11, 0)
PLACE_MAX, LINK_MAX = 300, 500  # as long as their columns


@dataclass(frozen=True)
class MeetingPlan:
    """What an officer fills in for a meeting."""

    date: object
    start_time: object = None
    end_time: object = None
    place: str = ""
    online_link: str = ""


def committee_roles(session: Session, person: Person, committee_id: int) -> set[str]:
    """Return the person's roles in a committee."""
    return set(session.scalars(select(Membership.role).where(
        Membership.person_id == person.id, Membership.committee_id == committee_id)))


def committee_by_key(session: Session, person: Person, key: str) -> Committee:
    """Return a committee the person sits on (admins: any), or raise Unknown."""
    committee = session.scalar(select(Committee).where(Committee.key == key))
    if committee is None or not (person.is_admin or committee_roles(session, person, committee.id)):
        raise Unknown(_("Committee %(key)s was not found."), key=key)
    return committee


def require_officer(session: Session, person: Person, committee_id: int) -> None:
    """Raise NotAllowed unless the person is chair, vice chair or secretary of the committee."""
    if not committee_roles(session, person, committee_id) & set(OFFICERS):
        raise NotAllowed(_("Only the chair, vice chair or secretary of the committee may do this."))


def meeting_readers(person: Person, committee_id) -> ColumnElement[bool] | bool:
    """Return whether `person` may read the meetings of `committee_id` (a column or an id): a member
    with any role, or an administrator. The meeting pages and search share this rule."""
    if person.is_admin:
        return True
    return committee_id.in_(select(Membership.committee_id).where(Membership.person_id == person.id))


def visible_meeting(session: Session, person: Person, meeting_id: int) -> Meeting:
    """Return a meeting of a committee the person sits on or a theme day inviting them (admins: any)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not (person.is_admin or committee_roles(session, person, meeting.committee_id)
                               or (meeting.kind == THEME_DAY and session.scalar(
                                   invited_meetings(person.id).where(TargetGroup.meeting_id == meeting.id)
                                   .limit(1)) is not None)):
        raise Unknown(_("Meeting %(id)s was not found."), id=meeting_id)
    return meeting


def check_version(meeting: Meeting, version: object) -> None:
    """Raise StaleVersion unless `version` is the meeting's current version."""
    if str(version) != str(meeting.version):
        raise StaleVersion(STALE_MEETING)


def lock(session: Session, meeting: Meeting) -> Meeting:
    """Re-read the meeting with a row lock (PostgreSQL), so approval and minutes never interleave."""
    session.refresh(meeting, with_for_update=True)
    return meeting


def require_open(meeting: Meeting) -> None:
    """Raise NotPossible when the meeting's minutes are approved or it was cancelled."""
    if meeting.approved_at is not None:
        raise NotPossible(_("The minutes are approved and can no longer be changed; add an addendum."))
    if meeting.status == "cancelled":
        raise NotPossible(_("The meeting was cancelled."))
    if meeting.approvals:
        raise NotPossible(_("The approval of the minutes has begun, so they can no longer be changed; "
                            "whoever approved can take the approval back."))


def _time(name: str, value: object, default: time) -> time:
    if value in (None, ""):
        return default
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(_("%(field)s must be a time (HH:MM)."), field=name) from None


def _checked(plan: MeetingPlan, today: date) -> dict:
    """Return the plan's columns, or raise Invalid naming the bad field."""
    if plan.date in (None, ""):
        raise Invalid(_("date is required."))
    day = parse_date("date", plan.date)
    if day < today:
        raise Invalid(_("date must not be in the past."))
    start = _time("start_time", plan.start_time, DEFAULT_START)
    end = _time("end_time", plan.end_time, DEFAULT_END)
    if end <= start:
        raise Invalid(_("end_time must be after start_time."))
    place = values.text("place", plan.place, limit=PLACE_MAX)
    link = values.text("online_link", plan.online_link, limit=LINK_MAX)
    return {"date": day, "start_time": start, "end_time": end, "place": place, "online_link": link}


def new_meeting(session: Session, committee_id: int, columns: dict, *, cycle: bool = True) -> Meeting:
    """Add a meeting with its standing items, the cycle items due then and the communication item (last).

    Every path that plans a meeting comes here, so the annual cycle's items land on the agenda
    however the meeting was made; the caller commits. A theme day (`cycle=False`) is no meeting of the
    committee's own: the cycle's items wait for one.
    """
    meeting = Meeting(committee_id=committee_id, status="planned", **columns)
    items = standing.agenda_items(session, committee_id)
    start = [i for i in items if i.kind == "standing"]
    due = cycle_status.due_on(session, committee_id, columns["date"]) if cycle else []
    items = start + due + items[len(start):]
    for position, item in enumerate(items, start=1):
        item.position = position
    meeting.items.extend(items)
    meeting.items.append(MeetingItem(position=len(meeting.items) + 1, kind="communication",
                                     title=COMMUNICATION_TITLE))
    session.add(meeting)
    return meeting


def create_meeting(session: Session, person: Person, committee_key: str, plan: MeetingPlan,
                   now: datetime | None = None) -> Meeting:
    """Plan a meeting of a committee the person is an officer of."""
    committee = committee_by_key(session, person, committee_key)
    require_officer(session, person, committee.id)
    meeting = new_meeting(session, committee.id, _checked(plan, local_date(now or utcnow())))
    session.commit()
    return meeting


def commit_or_stale(session: Session) -> None:
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        raise StaleVersion(STALE_MEETING) from None


def move_meeting(session: Session, person: Person, meeting_id: int, version: object, plan: MeetingPlan,
                 *, engines: dict | None = None, mail=None, now: datetime | None = None) -> Meeting:
    """Change date, time or place; the members are told, the calendar feed and the cases follow."""
    now = now or utcnow()
    meeting = visible_meeting(session, person, meeting_id)
    require_officer(session, person, meeting.committee_id)
    check_version(meeting, version)
    require_open(meeting)
    columns = _checked(plan, local_date(now))
    moved_day = columns["date"] != meeting.date
    for name, value in columns.items():
        setattr(meeting, name, value)
    notices.tell_members(session, meeting, "meeting_moved", actor_id=person.id, mail=mail, now=now)
    commit_or_stale(session)
    if moved_day and engines is not None:
        _reschedule_cases(session, engines, person, meeting, now)
    return meeting


def _reschedule_cases(session: Session, engines: dict, person: Person, meeting: Meeting, now: datetime) -> None:
    """Give each case on a moved meeting its new date through a `schedule` event (its history shows it)."""
    from medflow.services import cases as case_service  # the one engine that changes cases

    for item in [i for i in meeting.items if i.kind == "case" and i.decision is None]:
        case = item.case
        if case.state != "scheduled" or case.holder_id != meeting.committee_id:
            continue
        try:
            case_service.fire_event(session, engines, person, case.id, "schedule", case.version,
                                    {"meeting": str(meeting.id)}, now=now)
        except MedflowError:  # the case moved meanwhile; its item will say so when it is decided
            session.rollback()


def cancel_meeting(session: Session, person: Person, meeting_id: int, version: object, *, mail=None,
                   now: datetime | None = None) -> Meeting:
    """Cancel a meeting without cases on its agenda; the members are told."""
    meeting = visible_meeting(session, person, meeting_id)
    require_officer(session, person, meeting.committee_id)
    check_version(meeting, version)
    require_open(meeting)
    if any(item.kind == "case" for item in meeting.items):
        raise NotPossible(_("The meeting has cases on its agenda: move them to another meeting first."))
    meeting.status = "cancelled"
    notices.tell_members(session, meeting, "meeting_cancelled", actor_id=person.id, mail=mail, now=now)
    commit_or_stale(session)
    return meeting


def delete_meeting(session: Session, person: Person, meeting_id: int, version: object) -> None:
    """Delete a meeting planned by mistake: only while it has nothing but its standing items."""
    meeting = visible_meeting(session, person, meeting_id)
    require_officer(session, person, meeting.committee_id)
    check_version(meeting, version)
    if meeting.agenda_published_at or any(i.kind not in ("communication", *standing.KINDS)
                                          and i.cycle_item_id is None for i in meeting.items):
        raise NotPossible(_("The meeting has items (or a published agenda) and cannot be deleted; "
                            "cancel it instead."))
    # a meeting planned by mistake never was: the notices of its moves go with it (they would link nowhere)
    session.execute(delete(Notification).where(Notification.meeting_id == meeting.id))
    session.delete(meeting)
    commit_or_stale(session)


def next_meeting(session: Session, committee_id: int, after: date) -> Meeting | None:
    """Return the committee's next planned meeting after a date, if any."""
    return session.scalar(select(Meeting).where(
        Meeting.committee_id == committee_id, Meeting.date > after, Meeting.status == "planned",
        Meeting.approved_at.is_(None)).order_by(Meeting.date, Meeting.id).limit(1))


def next_or_new_meeting(session: Session, meeting: Meeting) -> Meeting:
    """Return the committee's next meeting, planning one four weeks on when there is none."""
    found = next_meeting(session, meeting.committee_id, meeting.date)
    if found is not None:
        return found
    columns = {"date": meeting.date + timedelta(days=28), "start_time": meeting.start_time,
               "end_time": meeting.end_time, "place": meeting.place, "online_link": meeting.online_link}
    return new_meeting(session, meeting.committee_id, columns)


def coming_meetings(session: Session, committee_id: int, today: date) -> list[Meeting]:
    """Return the committee's meetings a case can still be put on (planned, not held), soonest first."""
    return list(session.scalars(select(Meeting).where(
        Meeting.committee_id == committee_id, Meeting.date >= today, Meeting.status == "planned",
        Meeting.approved_at.is_(None)).order_by(Meeting.date, Meeting.start_time, Meeting.id)))


def committee_meetings(session: Session, committee_id: int) -> list[Meeting]:
    """Return a committee's meetings, newest date first."""
    return list(session.scalars(select(Meeting).where(Meeting.committee_id == committee_id)
                                .order_by(Meeting.date.desc(), Meeting.id.desc())))


def upcoming_for(session: Session, person: Person, today: date, limit: int = 10) -> list[Meeting]:
    """Return the planned meetings of every committee the person sits on and theme days inviting them."""
    return list(session.scalars(select(Meeting).where(
        mine_or_invited(person.id), Meeting.date >= today, Meeting.status == "planned")
        .order_by(Meeting.date, Meeting.start_time).limit(limit)))
