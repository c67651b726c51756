"""The sweep's cycle step: tell a committee's chair once when a period ended without its cycle item.

Only the newest ended period of each item is looked at, and only when it ended within the last
year and after the item was added, so a new cycle does not wake up years of history. The
reminder's unique key (item and period) makes it go out once, however often the sweep runs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from medflow.domain import cycle as rules
from medflow.domain.calendar import local_date, start_of_day
from medflow.domain.mailprefs import DEADLINES
from medflow.persistence.models import CycleItem, Membership, Notification, Person, SentReminder
from medflow.services.cycle.status import OVERDUE, meetings_holding, recurrence_of, status_in
from medflow.services.mail import mail_prefs

KIND = "cycle_overdue"
LOOK_BACK = timedelta(days=366)


def _chairs(session: Session, committee_id: int) -> list[Person]:
    return list(session.scalars(select(Person).join(Membership).where(
        Membership.committee_id == committee_id, Membership.role == "chair", Person.active.is_(True))
        .order_by(Person.id)))


def _tell(session: Session, item: CycleItem, period: rules.Period, mail, now: datetime) -> None:
    """Notify the chairs (and mail them, by their choice for deadline mail), in the caller's transaction."""
    people = _chairs(session, item.committee_id)
    data = {"committee": item.committee.name, "committee_key": item.committee.key, "title": item.title,
            "start": period.start.isoformat(), "end": period.end.isoformat()}
    notice = getattr(mail, "notice", None)
    if notice is not None:
        mail_prefs.queue_chosen(session, people, lambda person: DEADLINES,
                                lambda person: notice(KIND, data, person), now)
    if people:
        session.connection().execute(insert(Notification.__table__), [
            {"person_id": p.id, "case_id": None, "meeting_id": None, "kind": KIND, "data": data,
             "created_at": now} for p in people])


def _remind_once(session: Session, item: CycleItem, period: rules.Period, mail, now: datetime) -> bool:
    key = f"cycle:{item.id}:{period.key}"
    if session.scalar(select(SentReminder.id).where(SentReminder.key == key)) is not None:
        return False
    session.add(SentReminder(key=key, case_id=None, kind="due", due_at=start_of_day(period.end), sent_at=now))
    try:
        session.flush()  # claim the key first, as the other reminders do
        _tell(session, item, period, mail, now)
        session.commit()
    except IntegrityError:  # another sweep sent it a moment ago
        session.rollback()
        return False
    return True


def _ended(item: CycleItem, today: date) -> rules.Period | None:
    period = rules.latest_ended(recurrence_of(item), today)
    if period is None or period.end < today - LOOK_BACK or item.created_at.date() > period.end:
        return None
    return period


def overdue_reminders(session: Session, mail, now: datetime) -> list[str]:
    """Remind the chair of each committee whose cycle item's last period ended undiscussed; once each."""
    today, sent = local_date(now), []
    items = session.scalars(select(CycleItem).where(CycleItem.active.is_(True), CycleItem.kind != "meeting")
                            .order_by(CycleItem.id)).all()
    due = {item.id: (item, p) for item in items if (p := _ended(item, today)) is not None}
    held = meetings_holding(session, list(due), today - LOOK_BACK - timedelta(days=366), today)
    for item, period in due.values():
        if status_in(item, period, held[item.id], today).state == OVERDUE and \
                _remind_once(session, item, period, mail, now):
            sent.append(f"cycle:{item.id}:{period.key}")
    return sent
