"""The communication item: who informs whom, how and by when; tasks that remind; stories; information."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date, start_of_day
from medflow.domain.errors import Invalid, _
from medflow.domain.fields import parse_date
from medflow.persistence.base import utcnow
from medflow.persistence.models import (
    Committee,
    CommunicationLine,
    Meeting,
    MeetingItem,
    Person,
    SentReminder,
)
from medflow.services.meetings import notices
from medflow.services.meetings.agenda import clean_text, open_meeting_for_officer, touch
from medflow.services.meetings.planning import commit_or_stale
from medflow.services.tree import informed_committees, load_tree

AUDIENCES = ("employees", "workplace", "parent")
CHANNELS = ("staff_meeting", "intranet", "email", "newsletter")
REMIND_BEFORE = timedelta(days=3)
WHAT_MAX, STORY_TITLE_MAX, STORY_TEXT_MAX = 2000, 200, 5000


@dataclass(frozen=True)
class NewLine:
    """One line of the communication item, as the form and the API send it."""

    what: object
    audience: object
    channel: object
    owner: object  # the owner's e-mail
    due_date: object
    workplace: object = None  # committee key, for audience "workplace"
    story_title: object = None
    story_text: object = None


def _choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise Invalid(_("%(field)s must be one of: %(choices)s."), field=name, choices=", ".join(choices))
    return str(value)


def _audience_committee(session: Session, meeting: Meeting, audience: str, key: object) -> int | None:
    if audience == "parent":
        if meeting.committee.parent_id is None:
            raise Invalid(_("audience: %(committee)s has no committee above it."),
                          committee=meeting.committee.name)
        return meeting.committee.parent_id
    if audience != "workplace":
        return None
    committee = session.scalar(select(Committee).where(Committee.key == str(key or "")))
    tree = load_tree(session)
    if committee is None or not (committee.id == meeting.committee_id
                                 or tree.is_descendant(committee.id, meeting.committee_id)):
        raise Invalid(_("workplace must be a committee under %(committee)s."), committee=meeting.committee.name)
    return committee.id


def _owner(session: Session, email: object) -> Person:
    owner = session.scalar(select(Person).where(Person.email == str(email or "").strip().lower(),
                                                Person.active.is_(True)))
    if owner is None:
        raise Invalid(_("owner must be the e-mail of a person in medflow."))
    return owner


def add_line(session: Session, person: Person, meeting_id: int, version: object,
             new: NewLine) -> CommunicationLine:
    """Add a line (a task with owner and due date; a newsletter line also a story) to the communication item."""
    meeting = open_meeting_for_officer(session, person, meeting_id, version)
    audience = _choice("audience", new.audience, AUDIENCES)
    channel = _choice("channel", new.channel, CHANNELS)
    story = channel == "newsletter"
    line = CommunicationLine(
        what=clean_text("what", new.what, WHAT_MAX, True), audience=audience, channel=channel,
        audience_committee_id=_audience_committee(session, meeting, audience, new.workplace),
        owner_id=_owner(session, new.owner).id, due_date=parse_date("due_date", new.due_date or ""),
        story_title=clean_text("story_title", new.story_title, STORY_TITLE_MAX, story) or None,
        story_text=clean_text("story_text", new.story_text, STORY_TEXT_MAX, story) or None)
    item = next(i for i in meeting.items if i.kind == "communication")
    item.lines.append(line)
    touch(item)
    touch(meeting)
    commit_or_stale(session)
    return line


def is_story(line: CommunicationLine, meeting: Meeting) -> bool:
    """Tell whether a line is a published story: a newsletter story of approved minutes (anyone may read
    it, on /news and its feed, so search finds it for everyone)."""
    return meeting.approved_at is not None and line.story_title is not None


def stories(session: Session, limit: int = 50) -> list[CommunicationLine]:
    """Return the newsletter stories of approved minutes, newest meeting first (dated on its day)."""
    return list(session.scalars(
        select(CommunicationLine).join(MeetingItem).join(Meeting)
        .where(Meeting.approved_at.is_not(None), CommunicationLine.story_title.is_not(None))
        .order_by(Meeting.date.desc(), Meeting.id.desc(), CommunicationLine.id).limit(limit)))


def information_for(session: Session, person: Person) -> list[Meeting]:
    """Return approved meetings of committees above or at the person's workplace (their public items)."""
    mine = informed_committees(session, person)
    if not mine:
        return []
    return list(session.scalars(select(Meeting).where(
        Meeting.committee_id.in_(mine), Meeting.approved_at.is_not(None))
        .order_by(Meeting.approved_at.desc()).limit(20)))


def public_items(meeting: Meeting) -> list[MeetingItem]:
    """Return what employees may read of approved minutes: items not internal, no confidential case.

    A case that left the agenda is not part of the minutes; a standing item only when something was noted.
    """
    return [i for i in meeting.items if is_public(i)]


def is_public(item: MeetingItem) -> bool:
    """Tell whether employees may read this item of approved minutes (`public_items`, one item)."""
    return (item.kind not in ("communication", "moved") and not item.internal
            and not (item.case is not None and item.case.confidential)
            and not (item.kind in ("standing", "closing") and not item.minutes))


def public_lines(meeting: Meeting) -> list[CommunicationLine]:
    """Return the communication lines meant for employees (not those to the committee above)."""
    return [line for i in meeting.items if i.kind == "communication" for line in i.lines
            if line.audience != "parent"]


def _remind_once(session: Session, line: CommunicationLine, due: datetime, mail, now: datetime) -> bool:
    """Remind the owner of one task unless that was done before (the sweep's unique reminder key)."""
    key = f"task:{line.id}:{line.due_date.isoformat()}"
    if session.scalar(select(SentReminder.id).where(SentReminder.key == key)) is not None:
        return False
    session.add(SentReminder(key=key, case_id=None, kind="before" if now < due else "due", due_at=due,
                             sent_at=now))
    kind = "task_before" if now < due else "task_due"
    try:
        # Claim the key first, as the case reminders do: a sweep running at the same moment waits
        # here and then fails on the key, inside this try (a flush inside `tell` would escape it).
        session.flush()
        notices.tell(session, line.item.meeting, kind, {line.owner_id}, mail=mail, now=now,
                     data={"due": line.due_date.isoformat(), "title": line.what[:120]})
        session.commit()
    except IntegrityError:  # another sweep sent it a moment ago
        session.rollback()
        return False
    return True


def task_reminders(session: Session, mail, now: datetime | None = None) -> list[str]:
    """Remind each communication task's owner once, three days before it is due (or when overdue)."""
    now, sent = now or utcnow(), []
    lines = session.scalars(select(CommunicationLine).join(MeetingItem).join(Meeting).where(
        Meeting.approved_at.is_not(None), CommunicationLine.due_date <= local_date(now + REMIND_BEFORE))
        .order_by(CommunicationLine.id)).all()
    for line in lines:
        due = start_of_day(line.due_date)  # the due date begins at the kommune's midnight, not UTC's
        if _remind_once(session, line, due, mail, now):
            sent.append(f"task:{line.id}:{line.due_date.isoformat()}")
    return sent
