"""Who hears about a case: in-app notifications and e-mails, written in the case's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, and_, bindparam, exists, func, insert, or_, select, union, update
from sqlalchemy.orm import Session, selectinload

from medflow.persistence.base import utcnow
from medflow.persistence.cascades import Cascade, CascadeReceipt
from medflow.persistence.models import Case, CaseEvent, Committee, Meeting, Membership, Notification, Person
from medflow.services.cascades import WORKFLOW as CASCADE
from medflow.services.mail import mail_prefs
from medflow.services.mail.outbox import Draft
from medflow.services.paging import Cursor, KeysetPage, newest_first
from medflow.services.visibility import holder_roles_filter, member_sees

# compose(case, kind, data, person) -> the e-mail, in the person's language
Composer = Callable[[Case, str, dict[str, Any], Person], Draft]
# meeting(meeting, kind, data, person) -> the e-mail about a meeting notice, threaded on the meeting
MeetingComposer = Callable[[Meeting, str, dict[str, Any], Person], Draft]


@dataclass(frozen=True)
class MailSettings:
    """How to write notification e-mails; absent when no SMTP server is configured."""

    compose: Composer
    digest: Callable[..., Draft] | None = None  # digest(person, cases, meetings) -> the daily summary
    meeting: MeetingComposer | None = None
    notice: Callable[[str, dict[str, Any], Person], Draft] | None = None  # neither case nor meeting (cycle)


def committee_people(session: Session, committee_ids: Iterable[int], confidential: bool) -> set[int]:
    """Return the active members of these committees who see a case they hold (the visibility rule)."""
    ids = set(committee_ids)
    if not ids:
        return set()
    query = (select(Membership.person_id).join(Person)
             .where(Membership.committee_id.in_(ids), Person.active.is_(True),
                    holder_roles_filter(confidential)))
    return set(session.scalars(query))


def event_kind(event: CaseEvent) -> str:
    """Return what a history row means for a notification (a system forward is an escalation)."""
    if event.actor_id is None and (event.data or {}).get("rule"):
        return "escalate"
    return event.event


# Who an event concerns, in one query: the committees told (left-joined to their active members
# who see the case by the visibility rule), built once with the values as parameters.
# One statement per kind of case (ordinary, confidential) with its roles written in: no expanding IN.
# Correlated, so each member is looked up by primary key: an IN (SELECT ... active) read every person.
_ACTIVE_MEMBER = exists().where(Person.id == Membership.person_id, Person.active.is_(True))
_MEMBER = {confidential: and_(Membership.committee_id == Committee.id,
                              _ACTIVE_MEMBER,
                              member_sees(confidential)) for confidential in (False, True)}
_KINDS = [(resolve, confidential) for resolve in (False, True) for confidential in (False, True)]
# At most two committees are told (the event's, and on an escalation the one it left): two plain
# parameters, the same id twice when one is told, so the statement is not re-expanded per event.
_TOLD = Committee.id.in_([bindparam("told", type_=Integer), bindparam("also_told", type_=Integer)])
_HELD = Committee.id.in_(select(CaseEvent.to_committee_id).where(CaseEvent.case_id == bindparam("case_id")))
_AUDIENCE_OF = {(resolve, confidential): select(Committee.id, Committee.name, Membership.person_id)
                .outerjoin(Membership, _MEMBER[confidential]).where(or_(_TOLD, _HELD) if resolve else _TOLD)
                for resolve, confidential in _KINDS}
_ADD_NOTIFICATIONS = insert(Notification.__table__)


def _told(event: CaseEvent) -> dict[str, int]:
    """Return the committees told of the event as `_TOLD`'s parameters: the event's, and the one an
    escalation took the case from."""
    also = event.from_committee_id if event_kind(event) == "escalate" else None
    return {"told": event.to_committee_id, "also_told": also if also is not None else event.to_committee_id}


def _audience(session: Session, case: Case, event: CaseEvent) -> tuple[str, set[int]]:
    """Return the name of the committee the event leads to and the members of every committee told.

    The committees told are the event's one, on resolve every one that held the case, and on an
    escalation also the one it was taken from.
    """
    rows = session.connection().execute(_AUDIENCE_OF[event.event == "resolve", case.confidential], {
        **_told(event), "case_id": case.id, "holder": case.holder_id}).all()  # plain rows: no ORM pass
    name = next((row.name for row in rows if row.id == event.to_committee_id), "")
    return name, {row.person_id for row in rows if row.person_id is not None}


def recipients(session: Session, case: Case, event: CaseEvent) -> set[int]:
    """Return who hears about an event: submitter and the holder's members, never the actor.

    On resolve every committee that held the case hears the answer; an escalation also tells
    the committee the case was taken from. A cascade case's submitter (its publisher) is not told
    of each committee's steps; `notify_cascade_complete` tells them once all have reported back.
    """
    return _people(case, event, _audience(session, case, event)[1])


def _people(case: Case, event: CaseEvent, members: set[int]) -> set[int]:
    people = set(members)
    if case.workflow != CASCADE:
        people.add(case.submitter_id)
    people.discard(event.actor_id)
    return people


def notify(
    session: Session, case: Case, kind: str, person_ids: Iterable[int], *, data: dict[str, Any],
    mail: MailSettings | None, event: CaseEvent | None = None, now: datetime | None = None,
) -> int:
    """Write a notification (and, with mail on, an outbox e-mail) for each person; return how many.

    The ids come from rows that reference people, so with mail off no person row is loaded;
    all the notifications go to the database in one statement.
    """
    now = now or utcnow()
    ids = sorted(set(person_ids))
    if mail is not None:
        people = session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id)).all()
        ids = [person.id for person in people]
        mail_prefs.queue_chosen(session, people, lambda person: mail_prefs.kind_for(case, kind, person.id),
                                lambda person: mail.compose(case, kind, data, person), now)
    if ids:
        event_id = event.id if event else None
        session.connection().execute(_ADD_NOTIFICATIONS, [
            {"person_id": i, "case_id": case.id, "kind": kind, "data": data, "case_event_id": event_id,
             "created_at": now} for i in ids])
    return len(ids)


def _event_data(case: Case, event: CaseEvent, committee_name: str) -> dict[str, Any]:
    """Return what a notification of the event says: where it led, and the event's facts worth telling."""
    data = {"committee": committee_name, "event": event.event,
            **{k: v for k, v in (event.data or {}).items()
               if k in ("rule", "deadline_days", "deadline_workdays")}}
    if case.meeting_date is not None and event.event == "schedule":
        data["date"] = case.meeting_date.isoformat()
    return data


# With mail off, who is told is not needed in Python: the members `_audience` reads and the submitter,
# less the actor, are inserted as they are selected (one statement, the values as parameters).
_TOLD_PEOPLE = {(resolve, confidential): union(
    select(Membership.person_id.label("person_id")).join_from(Committee, Membership, _MEMBER[confidential])
    .where(or_(_TOLD, _HELD) if resolve else _TOLD),
    select(bindparam("submitter", type_=Integer).label("person_id"))).subquery()
    for resolve, confidential in _KINDS}
_NOTIFY_TOLD = {kind: insert(Notification.__table__).from_select(
    ["person_id", "case_id", "case_event_id", "kind", "data", "created_at"],
    select(told.c.person_id, bindparam("case_id", type_=Integer), bindparam("event_id", type_=Integer),
           bindparam("kind", type_=String), bindparam("data", type_=Notification.data.type),
           bindparam("created_at", type_=Notification.created_at.type))
    .where(told.c.person_id.is_not(None), told.c.person_id != bindparam("actor", type_=Integer))
    .order_by(told.c.person_id)) for kind, told in _TOLD_PEOPLE.items()}


def _notify_told(session: Session, case: Case, event: CaseEvent) -> int:
    """Write the event's notifications in one INSERT ... SELECT (no mail to write); return how many.

    The committee's name comes from the session when loaded (the case's holder, when the event
    leaves the case where it was), so most events read nothing to tell whom.
    """
    committee = session.get(Committee, event.to_committee_id)
    done = session.connection().execute(_NOTIFY_TOLD[event.event == "resolve", case.confidential], {
        **_told(event), "holder": case.holder_id,
        "submitter": None if case.workflow == CASCADE else case.submitter_id,
        "actor": event.actor_id or 0, "case_id": case.id, "event_id": event.id, "kind": event_kind(event),
        "data": _event_data(case, event, committee.name if committee else ""), "created_at": event.created_at})
    return done.rowcount


def notify_event(session: Session, case: Case, event: CaseEvent, mail: MailSettings | None) -> int:
    """Notify everyone a case event concerns (called by the case-event hook)."""
    if mail is None:
        count = _notify_told(session, case, event)
    else:
        name, members = _audience(session, case, event)
        count = notify(session, case, event_kind(event), _people(case, event, members),
                       data=_event_data(case, event, name), mail=mail, event=event, now=event.created_at)
    if case.workflow == CASCADE and event.event == "report_back":
        count += notify_cascade_complete(session, case, event, mail)
    return count


def notify_cascade_complete(session: Session, case: Case, event: CaseEvent, mail: MailSettings | None) -> int:
    """Tell the publisher once, when this report-back was the last one the cascade waited for."""
    cascade = session.scalar(select(Cascade).where(Cascade.id == case.data["cascade_id"])
                             .with_for_update())  # two last report-backs at once: one waits here
    rows = session.execute(select(Case.state, CascadeReceipt.case_id, CascadeReceipt.via_case_id)
                           .join(CascadeReceipt, CascadeReceipt.case_id == Case.id)
                           .where(CascadeReceipt.cascade_id == cascade.id).order_by(CascadeReceipt.id)).all()
    if any(row.state != "reported_back" for row in rows):
        return 0
    # attach it to a case the publisher submitted (cases passed further down are someone else's)
    own = session.get(Case, next((r.case_id for r in rows if r.via_case_id is None), case.id))
    data = {"title": cascade.title, "count": len(rows), "cascade_id": cascade.id}
    return notify(session, own, "cascade_complete", {cascade.publisher_id} - {event.actor_id}, data=data,
                  mail=mail, now=event.created_at)


def unread_count(session: Session, person: Person) -> int:
    """Return how many of the person's notifications are unread."""
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.person_id == person.id, Notification.read_at.is_(None))) or 0


def latest(session: Session, person: Person, limit: int = 50) -> list[Notification]:
    """Return the person's newest notifications."""
    return list(session.scalars(
        select(Notification).where(Notification.person_id == person.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)))


def notification_page(session: Session, person: Person, after: Cursor | None = None,
                      size: int = 50) -> KeysetPage:
    """Return a page of the person's notifications, newest first, and the cursor to older ones."""
    query = select(Notification).where(Notification.person_id == person.id).options(
        selectinload(Notification.case))
    return newest_first(session, query, Notification.created_at, Notification.id, after, size)


def mark_read(session: Session, person: Person, ids: Iterable[int] | None = None,
              now: datetime | None = None) -> int:
    """Mark the person's notifications read (all, or only `ids`); return the unread count left."""
    query = update(Notification).where(Notification.person_id == person.id,
                                       Notification.read_at.is_(None))
    if ids is not None:
        query = query.where(Notification.id.in_(list(ids)))
    session.execute(query.values(read_at=now or utcnow()))
    session.commit()
    return unread_count(session, person)


def mark_case_read(session: Session, person: Person, case_id: int, now: datetime | None = None) -> None:
    """Mark the person's notifications about one case read: opening the case is reading them."""
    session.execute(update(Notification).where(
        Notification.person_id == person.id, Notification.case_id == case_id, Notification.read_at.is_(None),
    ).values(read_at=now or utcnow()))
    session.commit()


def set_email_opt_out(session: Session, person: Person, opt_out: bool) -> Person:
    """Turn the person's notification e-mails off (True) or on (False)."""
    person.email_opt_out = bool(opt_out)
    session.commit()
    return person
