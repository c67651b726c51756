"""The agenda: cases put on a meeting by `schedule`, free items, order, publishing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from medflow.domain.errors import Invalid, NotPossible, Unknown, _
from medflow.domain.fields import parse_date
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, CaseEvent, Meeting, MeetingItem, Person
from medflow.services.meetings import moves, notices, placing
from medflow.services.meetings.planning import (
    check_version,
    commit_or_stale,
    new_meeting,
    require_officer,
    require_open,
    visible_meeting,
)

MAX_TITLE, MAX_TEXT = 200, 20_000


def touch(obj) -> None:
    """Mark a versioned row changed so its version moves on (and a concurrent change is refused)."""
    flag_modified(obj, "status" if isinstance(obj, Meeting) else "kind")  # any column but the version


def _meeting_id(value: object) -> int:
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        raise Invalid(_("meeting must be the id of a meeting."))
    return int(text)


def resolve_meeting(session: Session, case: Case, event: str, fields: dict) -> dict:
    """For `schedule`: check `meeting` (a not-yet-held meeting of the holder) and take its date."""
    if event != "schedule":
        return fields
    if fields.get("meeting") in (None, ""):
        day = parse_date("meeting_date", fields["meeting_date"]) if fields.get("meeting_date") else None
        return moves.require_confirmed(session, case, None, day, fields)
    meeting = session.get(Meeting, _meeting_id(fields["meeting"]))
    if meeting is None or meeting.committee_id != case.holder_id:
        raise Invalid(_("meeting must be a meeting of %(committee)s, the committee holding the case."),
                      committee=case.holder.name)
    if meeting.approved_at is not None or meeting.status != "planned" or meeting.date < utcnow().date():
        raise NotPossible(_("Meeting %(id)s has been held or cancelled; choose a coming meeting."),
                          id=meeting.id)
    given = fields.get("meeting_date")
    if given not in (None, "") and parse_date("meeting_date", given) != meeting.date:
        raise Invalid(_("meeting_date does not match the date of the chosen meeting."))
    fields = moves.require_confirmed(session, case, meeting, meeting.date, fields)
    return {**fields, "meeting": str(meeting.id), "meeting_date": meeting.date.isoformat()}


_OPEN_ON = (select(Meeting)  # built once: building it cost more than running it
            .where(Meeting.committee_id == bindparam("committee"), Meeting.date == bindparam("day"),
                   Meeting.status == "planned", Meeting.approved_at.is_(None))
            .order_by(Meeting.id).limit(1))


def _open_meeting_on(session: Session, case: Case) -> Meeting:
    """Return the holder's open meeting on the case's date (the one it is on already, if so), or plan one."""
    for item in moves.on_open_agendas(session, case):
        if item.meeting.committee_id == case.holder_id and item.meeting.date == case.meeting_date:
            return item.meeting
    found = session.scalar(_OPEN_ON, {"committee": case.holder_id, "day": case.meeting_date})
    if found is not None:
        return found
    from medflow.services.meetings.planning import DEFAULT_END, DEFAULT_START

    return new_meeting(session, case.holder_id, {"date": case.meeting_date, "start_time": DEFAULT_START,
                                                  "end_time": DEFAULT_END, "place": "", "online_link": ""})


def insert_item(meeting: Meeting, item: MeetingItem) -> MeetingItem:
    """Put an item after the cases and free items: before the closing standing items and communication."""
    ordered = sorted(meeting.items, key=lambda i: i.position)
    at = next((n for n, i in enumerate(ordered) if i.kind in placing.TAIL), len(ordered))
    ordered.insert(at, item)
    for position, existing in enumerate(ordered, start=1):
        if existing.position != position:
            existing.position = position
    meeting.items.append(item)
    return item


def on_schedule(session: Session, case: Case, event: CaseEvent) -> None:
    """After `schedule` (same transaction): put the case on its meeting, creating one for a bare date."""
    if event.event != "schedule" or case.meeting_date is None:
        return
    meeting_id = (event.data or {}).get("meeting")
    meeting = session.get(Meeting, int(meeting_id)) if meeting_id else _open_meeting_on(session, case)
    on_it = [i for i in moves.on_open_agendas(session, case) if i.meeting_id == meeting.id]
    left = moves.leave_agendas(session, case, meeting)  # scheduled again: it may sit on another agenda
    if on_it:  # already on it (the meeting moved, or scheduled again for the same day)
        moves.set_case_version(session, on_it[0], case.version)  # the agenda now knows this version
    else:
        item = dict(kind="case", case_id=case.id, case_version=case.version, title=case.title[:MAX_TITLE],
                    moved_from_id=left)
        if "items" in meeting.__dict__:  # a new meeting, or an agenda read already
            insert_item(meeting, MeetingItem(**item))
        else:
            placing.add_case_item(session, meeting.id, item)  # not loading every item of a long agenda
    session.flush()


def clean_text(name: str, value: object, limit: int, required: bool) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise Invalid(_("%(field)s is required."), field=name)
    if len(text) > limit:
        raise Invalid(_("%(field)s is too long."), field=name)
    return text


def open_meeting_for_officer(session: Session, person: Person, meeting_id: int, version: object) -> Meeting:
    """Return a meeting the person may change now, or raise the reason why not."""
    meeting = visible_meeting(session, person, meeting_id)
    require_officer(session, person, meeting.committee_id)
    check_version(meeting, version)
    require_open(meeting)
    return meeting


def add_free_item(session: Session, person: Person, meeting_id: int, version: object, title: object,
                  text: object = "", internal: bool = False) -> MeetingItem:
    """Add an item with a title and a text (not a case) to the agenda."""
    meeting = open_meeting_for_officer(session, person, meeting_id, version)
    item = MeetingItem(kind="free", title=clean_text("title", title, MAX_TITLE, True),
                       text=clean_text("text", text, MAX_TEXT, False), internal=bool(internal))
    insert_item(meeting, item)
    touch(meeting)
    commit_or_stale(session)
    return item


def reorder(session: Session, person: Person, meeting_id: int, version: object, order: object) -> Meeting:
    """Put the agenda's items in the given order (item ids); the communication item stays last."""
    meeting = open_meeting_for_officer(session, person, meeting_id, version)
    movable = {i.id: i for i in meeting.items if i.kind != "communication"}
    if not isinstance(order, list) or sorted(map(str, order)) != sorted(map(str, movable)):
        raise Invalid(_("order must list the ids of every item except the communication item, once each."))
    for position, item_id in enumerate(order, start=1):
        movable[int(item_id)].position = position
    for item in meeting.items:
        if item.kind == "communication":
            item.position = len(movable) + 1
    touch(meeting)
    commit_or_stale(session)
    return meeting


def remove_item(session: Session, person: Person, item_id: int, version: object) -> None:
    """Take a free or standing item off this agenda (a case leaves through its own event)."""
    item = session.get(MeetingItem, item_id)
    if item is None:
        raise Unknown(_("Item %(id)s was not found."), id=item_id)
    meeting = open_meeting_for_officer(session, person, item.meeting_id, version)
    if item.kind not in ("free", "standing", "closing", "annual"):  # an annual pack stays, off the agenda
        raise NotPossible(_("Only free and standing items are removed here; the communication item always "
                            "stays, and a case is taken off the agenda from its own item."))
    meeting.items.remove(item)
    touch(meeting)
    commit_or_stale(session)


def publish_agenda(session: Session, person: Person, meeting_id: int, version: object, *, mail=None,
                   now: datetime | None = None) -> Meeting:
    """Publish (or republish) the agenda and tell the members."""
    now = now or utcnow()
    meeting = open_meeting_for_officer(session, person, meeting_id, version)
    meeting.agenda_published_at = now
    notices.tell_members(session, meeting, "agenda_published", actor_id=person.id, mail=mail, now=now)
    commit_or_stale(session)
    return meeting


def schedulable_cases(session: Session, meeting: Meeting, engines: dict) -> list[Case]:
    """Return the open cases the committee holds that `schedule` could put on this meeting."""
    on_it = {i.case_id for i in meeting.items if i.kind == "case"}
    cases = session.scalars(select(Case).where(Case.holder_id == meeting.committee_id, Case.closed_at.is_(None))
                            .order_by(Case.id)).all()
    return [c for c in cases if c.id not in on_it and c.workflow in engines
            and engines[c.workflow].definition.transition_from("schedule", c.state) is not None]


def path_so_far(case: Case) -> list[str]:
    """Return the committees the case has been at, in order, each once in a row."""
    names: list[str] = []
    for row in case.history:
        if not names or names[-1] != row.to_committee.name:
            names.append(row.to_committee.name)
    return names
