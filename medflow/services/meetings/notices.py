"""Telling people about a meeting: in-app notifications (no case) and e-mails, in the caller's transaction.

Meeting mail is the mail kind `meetings`: it goes through the same choices, outbox and digest as case mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from medflow.domain.mailprefs import MEETINGS
from medflow.persistence.base import utcnow
from medflow.persistence.models import Meeting, Membership, Notification, Person
from medflow.services.mail import mail_prefs
from medflow.services.notifications import MailSettings


def meeting_data(meeting: Meeting) -> dict:
    """Return what a meeting notification's text names."""
    return {"committee": meeting.committee.name, "date": meeting.date.isoformat(),
            "start": meeting.start_time.strftime("%H:%M"), "meeting_id": meeting.id}


def members(session: Session, committee_id: int) -> set[int]:
    """Return the active members of a committee."""
    return set(session.scalars(select(Membership.person_id).join(Person).where(
        Membership.committee_id == committee_id, Person.active.is_(True))))


def tell(session: Session, meeting: Meeting, kind: str, people: Iterable[int], *,
         mail: MailSettings | None, data: dict | None = None, now: datetime | None = None) -> int:
    """Notify these people about the meeting (and e-mail them when `mail` is set); return how many.

    Mail follows each person's choice for meeting mail, as case mail does: at once, in the daily
    digest (which reads the notification written here) or not at all.
    """
    now, ids = now or utcnow(), sorted(set(people))
    data = {**meeting_data(meeting), **(data or {})}
    if mail is not None and mail.meeting is not None and ids:  # mail is on: as case mail, by choice
        people = session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id)).all()
        mail_prefs.queue_chosen(session, people, lambda person: MEETINGS,
                                lambda person: mail.meeting(meeting, kind, data, person), now)
    if ids:
        session.connection().execute(insert(Notification.__table__), [
            {"person_id": i, "case_id": None, "meeting_id": meeting.id, "kind": kind, "data": data,
             "created_at": now} for i in ids])
    return len(ids)


def tell_members(session: Session, meeting: Meeting, kind: str, *, actor_id: int | None,
                 mail: MailSettings | None, data: dict | None = None, now: datetime | None = None) -> int:
    """Notify every member of the meeting's committee except the one who acted."""
    people = members(session, meeting.committee_id) - {actor_id}
    return tell(session, meeting, kind, people, mail=mail, data=data, now=now)
