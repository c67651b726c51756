"""The daily digest: one e-mail per person listing, per case and per meeting, what happened since the last one.

A person's digest is due once a day at the hour they chose (Copenhagen time). Taking it is a
guarded UPDATE of `last_digest_at` in the same transaction as the queued mail, so two sweeps at
once make it once; a day with nothing to tell sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from medflow.domain.mailprefs import DEFAULT_HOUR, DIGEST, MEETINGS, Choices, digest_due, digest_slot
from medflow.persistence.base import utcnow
from medflow.persistence.mail import MailPreference
from medflow.persistence.models import Case, Meeting, Notification, Person
from medflow.services.mail import mail_prefs
from medflow.services.mail.outbox import enqueue_draft
from medflow.services.notifications import MailSettings

LOOK_BACK = timedelta(days=8)  # who may have something to tell: anyone notified in this window


@dataclass
class DigestCase:
    """One case in a digest and the notifications about it, oldest first."""

    case: Case
    notes: list[Notification] = field(default_factory=list)


@dataclass
class DigestMeeting:
    """One meeting in a digest and the notices about it, oldest first."""

    meeting: Meeting
    notes: list[Notification] = field(default_factory=list)


def _due(session: Session, now: datetime) -> list[int]:
    """Return the people notified lately whose digest hour has come (two queries for everyone)."""
    recent = select(Notification.person_id).where(Notification.created_at > now - LOOK_BACK).distinct()
    ids = session.scalars(select(Person.id).where(Person.id.in_(recent), Person.active.is_(True))
                          .order_by(Person.id)).all()
    rows = {row.person_id: (row.digest_hour, row.last_digest_at) for row in session.execute(
        select(MailPreference.person_id, MailPreference.digest_hour, MailPreference.last_digest_at)
        .where(MailPreference.person_id.in_(recent)))}
    return [i for i in ids if digest_due(now, *rows.get(i, (DEFAULT_HOUR, None)))]


def _take(session: Session, person: Person, slot: datetime, now: datetime) -> tuple[bool, datetime | None]:
    """Claim the person's digest for this slot; return whether we got it and when the last one was."""
    last = mail_prefs.preference_row(session, person.id).last_digest_at
    result = session.execute(
        update(MailPreference).where(MailPreference.person_id == person.id,
                                     or_(MailPreference.last_digest_at.is_(None),
                                         MailPreference.last_digest_at < slot))
        .values(last_digest_at=now).execution_options(synchronize_session=False))
    return result.rowcount == 1, last


def _gather(session: Session, person: Person, chosen: Choices, since: datetime,
            now: datetime) -> list[DigestCase]:
    """Return the cases with notifications for the person since `since` that belong in the digest."""
    notes = session.scalars(select(Notification).join(Case).where(
        Notification.person_id == person.id, Notification.created_at > since, Notification.created_at <= now)
        .order_by(Notification.case_id, Notification.created_at, Notification.id)).all()
    cases: dict[int, DigestCase] = {}
    for note in notes:
        if mail_prefs.mode_for(person, chosen, mail_prefs.kind_for(note.case, note.kind, person.id)) == DIGEST:
            cases.setdefault(note.case_id, DigestCase(note.case)).notes.append(note)
    return list(cases.values())


def _gather_meetings(session: Session, person: Person, chosen: Choices, since: datetime,
                     now: datetime) -> list[DigestMeeting]:
    """Return the meetings with notices for the person since `since`, if meeting mail goes to the digest.

    Meeting notices have no case, so `_gather` (which joins the case) never sees them.
    """
    if mail_prefs.mode_for(person, chosen, MEETINGS) != DIGEST:
        return []
    rows = session.execute(select(Notification, Meeting).join(Meeting, Meeting.id == Notification.meeting_id)
                           .where(Notification.person_id == person.id, Notification.case_id.is_(None),
                                  Notification.created_at > since, Notification.created_at <= now)
                           .order_by(Notification.meeting_id, Notification.created_at, Notification.id)).all()
    meetings: dict[int, DigestMeeting] = {}
    for note, meeting in rows:
        meetings.setdefault(meeting.id, DigestMeeting(meeting)).notes.append(note)
    return list(meetings.values())


def send_digests(session: Session, mail: MailSettings, now: datetime | None = None) -> list[int]:
    """Queue every digest that is due; return the ids of the people who got one."""
    now, sent = now or utcnow(), []
    for person_id in _due(session, now):
        person = session.get(Person, person_id)
        chosen = mail_prefs.choices(session, person)
        slot = digest_slot(now, chosen.hour)
        taken, last = _take(session, person, slot, now)
        if not taken:  # another sweep made it a moment ago
            session.rollback()
            continue
        since = last or slot - timedelta(days=1)
        cases = _gather(session, person, chosen, since, now)
        meetings = _gather_meetings(session, person, chosen, since, now)
        if (cases or meetings) and person.email:
            enqueue_draft(session, person.id, person.email, mail.digest(person, cases, meetings), now=now)
            sent.append(person.id)
        session.commit()
        session.expunge_all()  # one person at a time: keep each commit from expiring everyone before
    return sent
