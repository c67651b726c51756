"""A case leaving an agenda: moved to another meeting (confirmed when the agenda is published) or taken off.

A published agenda keeps a line for the case that left it ("moved to the meeting on ..." or "taken
off the agenda"), and the agenda it went to says where it came from, so members who read the first
agenda are not misled. An agenda not yet published simply loses the item.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, contains_eager, object_session
from sqlalchemy.orm.attributes import set_committed_value

from medflow.domain.errors import NotPossible, StaleVersion, _
from medflow.persistence.models import Case, CaseEvent, Meeting, MeetingItem
from medflow.services.meetings.planning import STALE_MEETING

YES = ("1", "true", "yes", "on", "ja")


ON_OPEN_AGENDAS = "medflow.case_items"  # session.info: (transaction, case id, items) as read in it
_ON_OPEN_AGENDAS = (select(MeetingItem).join(Meeting).options(contains_eager(MeetingItem.meeting))
                    .where(MeetingItem.case_id == bindparam("case_id"), MeetingItem.kind == "case",
                           Meeting.approved_at.is_(None), Meeting.status == "planned")
                    .order_by(MeetingItem.id))
_ITEMS = MeetingItem.__table__
_SET_CASE_VERSION = (update(_ITEMS)
                     .where(_ITEMS.c.id == bindparam("item"), _ITEMS.c.version == bindparam("was"))
                     .values(case_version=bindparam("case_version"), version=_ITEMS.c.version + 1))


def on_open_agendas(session: Session, case: Case) -> list[MeetingItem]:
    """Return the case's items on planned agendas whose minutes are not approved (decided or not).

    Read once per transaction: a `schedule` asks before the event (is it on a published agenda?)
    and again in its listener (which agenda does it leave, is it on the target already?), and
    every event commits, so a new transaction reads them afresh.
    """
    seen = session.info.get(ON_OPEN_AGENDAS)
    if seen is not None and seen[0] is _transaction(case) and seen[1] == case.id:
        return list(seen[2])
    items = list(session.scalars(_ON_OPEN_AGENDAS, {"case_id": case.id}))
    session.info[ON_OPEN_AGENDAS] = (_transaction(case), case.id, items)
    return list(items)


def _transaction(case: Case):
    """Return the transaction the case's session is in (None outside one, which never matches)."""
    owner = object_session(case)
    return owner.get_transaction() if owner is not None else object()


def waiting_items(session: Session, case: Case) -> list[MeetingItem]:
    """Return the case's undecided items on agendas whose minutes are not approved."""
    return [item for item in on_open_agendas(session, case) if item.decision is None]


def published_elsewhere(session: Session, case: Case, target: Meeting | None, day) -> Meeting | None:
    """Return a published agenda the case sits on other than the target meeting (or the target date)."""
    for item in waiting_items(session, case):
        meeting = item.meeting
        same = meeting.id == target.id if target is not None else meeting.date == day
        if meeting.agenda_published_at is not None and not same:
            return meeting
    return None


def require_confirmed(session: Session, case: Case, target: Meeting | None, day, fields: dict) -> dict:
    """Refuse to move a case off a published agenda unless `confirm_move` says yes; drop the flag."""
    confirmed = str(fields.get("confirm_move", "")).strip().lower() in YES
    on = published_elsewhere(session, case, target, day)
    if on is not None and not confirmed:
        raise NotPossible(_("The case is on the published agenda of the meeting on %(date)s. Confirm that it "
                            "is to be moved; both agendas will say so."), date=on.date.isoformat())
    return {k: v for k, v in fields.items() if k != "confirm_move"}


def leave_agendas(session: Session, case: Case, keep: Meeting | None) -> int | None:
    """Take the case off every other waiting agenda; return the published one it left, if any.

    A meeting just planned for the case (`keep` without an id yet) is written first only when a
    published agenda must name it; otherwise it goes in later, once, with the case's item in place.
    """
    left = None
    with session.no_autoflush:
        for item in waiting_items(session, case):
            meeting = item.meeting
            if keep is not None and meeting is keep:
                continue
            if meeting.agenda_published_at is None:
                _drop(session, meeting, item)
                continue
            if keep is not None and keep.id is None:
                session.flush()  # the line left on the published agenda names the meeting it went to
            item.kind, item.moved_to_id = "moved", keep.id if keep is not None else None
            left = meeting.id
    session.info.pop(ON_OPEN_AGENDAS, None)  # changed now: whoever asks next reads them again
    return left


def _drop(session: Session, meeting: Meeting, item: MeetingItem) -> None:
    """Delete an item without loading the rest of its agenda (a loaded agenda loses it too)."""
    if "items" in meeting.__dict__:
        meeting.items.remove(item)
    else:
        session.delete(item)


def on_unschedule(session: Session, case: Case, event: CaseEvent) -> None:
    """After `unschedule` (same transaction): the case leaves its agenda; a published one says so."""
    if event.event == "unschedule":
        leave_agendas(session, case, None)
        session.flush()


def set_case_version(session: Session, item: MeetingItem, version: int) -> None:
    """Record on an agenda item the case version it now shows: one guarded UPDATE, not an ORM flush.

    A rowcount of 0 means someone changed the item meanwhile: StaleVersion, and the event is dropped.
    """
    done = session.connection().execute(_SET_CASE_VERSION, {"item": item.id, "was": item.version,
                                                           "case_version": version})
    if done.rowcount != 1:
        raise StaleVersion(STALE_MEETING)
    set_committed_value(item, "case_version", version)
    set_committed_value(item, "version", item.version + 1)
