"""Meetings in the search index: agenda items, the approved minutes of each item and news stories.

A meeting is one source: a change of it or its communication lines rebuilds its documents inside
the same transaction (`services.search.changes`); a change of one item rebuilds that item's (its
parts), so a case joining or leaving a long agenda costs one item. Who finds what is the meeting
pages' own rules: the agenda and minutes are for the committee (`planning.meeting_readers`), approved
minutes also for the employees they are published to (`communication.public_items`, reaching the
workplaces under the committee: `tree.informed_committees`), news stories for everyone
(`communication.is_story`); an item about a case also follows the case rule at FULL, so a
confidential case's item is found, and its words shown, only for those who may read the case.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, bindparam, or_, select, true
from sqlalchemy.orm import Session

from medflow.domain.errors import _
from medflow.domain.visibility import Level
from medflow.persistence.models import Case, CommunicationLine, Meeting, MeetingItem, Person
from medflow.persistence.search import SearchDocument
from medflow.services.meetings.communication import is_public, is_story
from medflow.services.meetings.planning import meeting_readers
from medflow.services.search.kinds import Doc, Kind, Parts, Source, free_text
from medflow.services.tree import informed_committees
from medflow.services.visibility import visible_to

AGENDA_ITEM, MINUTES, NEWS = "agenda_item", "minutes", "news"
INDEXED_ITEMS = ("case", "free", "standing", "closing")  # not the communication item, not a moved line


def case_rule(person: Person) -> ColumnElement[bool]:
    """Return the case rule for documents that may be about a case: none, or one read in full."""
    return or_(SearchDocument.case_id.is_(None), visible_to(person, Level.FULL))


def _members(person: Person) -> ColumnElement[bool]:
    readers = meeting_readers(person, SearchDocument.committee_id)
    return true() if readers is True else readers


def _agenda_readable(session: Session, person: Person) -> ColumnElement[bool]:
    return and_(_members(person), case_rule(person))


def _minutes_readable(session: Session, person: Person) -> ColumnElement[bool]:
    informed = informed_committees(session, person)
    published = and_(SearchDocument.public.is_(True), SearchDocument.committee_id.in_(sorted(informed)))
    return and_(or_(_members(person), published), case_rule(person))


def _everyone(session: Session, person: Person) -> bool:
    return True


def _minutes_link(ref_id: int, source_id: int | None, member: bool):
    """Link to the item in the minutes for the committee's members, to "Information" for the employees."""
    if not member:
        return "notify_pages.information", {}
    return "meetings.minutes_page", {"meeting_id": source_id, "_anchor": f"item-{ref_id}"}


AGENDA_KIND = Kind(AGENDA_ITEM, _("Agenda item"), _agenda_readable,
                   lambda ref, source, member: ("meetings.show", {"meeting_id": source}))
MINUTES_KIND = Kind(MINUTES, _("Minutes"), _minutes_readable, _minutes_link)
NEWS_KIND = Kind(NEWS, _("News story"), _everyone, lambda ref, source, member: ("meeting_feeds.news", {}))


def _item_doc(kind: str, meeting: Meeting, item: MeetingItem, body: str, public: bool = False) -> Doc:
    """Return an item's document; its case's state and topic are read by the query, as they are now."""
    return Doc(kind, item.id, item.title, body, meeting.id, item.case_id, meeting.committee_id,
               year=meeting.date.year, public=public)


def _item_docs(meeting: Meeting, item: MeetingItem) -> Iterator[Doc]:
    """Yield an item's documents: the item on the agenda, and its minutes once approved."""
    if item.kind not in INDEXED_ITEMS or (item.case is not None and item.case.anonymised_at is not None):
        return
    if item.kind == "case" or item.text:  # a standing item is on every agenda: only its own text counts
        yield _item_doc(AGENDA_ITEM, meeting, item, item.text)
    said = "\n".join(t for t in (item.minutes, *free_text(item.decision_data)) if t and t.strip())
    if meeting.approved_at is not None and said:
        yield _item_doc(MINUTES, meeting, item, said, is_public(item))


def _meeting_docs(meeting: Meeting, items: list[MeetingItem], lines: list[CommunicationLine]) -> Iterator[Doc]:
    """Yield a meeting's documents: its items, their minutes once approved, its stories once approved."""
    for item in items:
        yield from _item_docs(meeting, item)
    for line in lines:
        if is_story(line, meeting):
            yield Doc(NEWS, line.id, line.story_title or "", line.story_text or "", meeting.id,
                      committee_id=meeting.committee_id, year=meeting.date.year, public=True)


def _build(session: Session, ids: Sequence[int]) -> Iterator[Doc]:
    """Yield the documents of these meetings: a read of the meetings, one of their items with their cases,
    and for approved minutes one of their communication lines (the stories). The rows are read, not the
    meetings' loaded collections: a service may have added an item by its meeting_id, and the meeting's
    `items` know it only after the commit."""
    meetings = {m.id: m for m in session.scalars(select(Meeting).where(Meeting.id.in_(ids),
                                                                        Meeting.status != "cancelled"))}
    items: dict[int, list[MeetingItem]] = {i: [] for i in meetings}
    for item, _case in session.execute(select(MeetingItem, Case).outerjoin(Case, Case.id == MeetingItem.case_id)
                                       .where(MeetingItem.meeting_id.in_(sorted(meetings)))
                                       .order_by(MeetingItem.meeting_id, MeetingItem.position)):
        items[item.meeting_id].append(item)
    lines: dict[int, list[CommunicationLine]] = {i: [] for i in meetings}
    approved = sorted(i for i, m in meetings.items() if m.approved_at is not None)
    if approved:
        for line, meeting_id in session.execute(
                select(CommunicationLine, MeetingItem.meeting_id).join(MeetingItem)
                .where(MeetingItem.meeting_id.in_(approved)).order_by(CommunicationLine.id)):
            lines[meeting_id].append(line)
    for meeting_id, meeting in meetings.items():
        yield from _meeting_docs(meeting, items[meeting_id], lines[meeting_id])


@dataclass(frozen=True, slots=True)
class _Case:
    anonymised_at: datetime | None
    confidential: bool


@dataclass(frozen=True, slots=True)
class _Meeting:
    id: int
    committee_id: int
    date: date
    approved_at: datetime | None


@dataclass(frozen=True, slots=True)
class _Item:
    """The columns of an item its documents are made of (what `_item_docs` and `is_public` read)."""

    id: int
    kind: str
    title: str
    text: str
    minutes: str
    decision_data: dict | None
    internal: bool
    case_id: int | None
    case: _Case | None


# Built once, and read as plain columns: a case joining an agenda rebuilds its item's document in the
# event's transaction, where building the query, or the three mapped rows it read, cost more than running it.
_I, _M, _C = MeetingItem.__table__.c, Meeting.__table__.c, Case.__table__.c
_ITEMS_WITH_MEETING = (select(_I.id, _I.kind, _I.title, _I.text, _I.minutes, _I.decision_data, _I.internal,
                              _I.case_id, _C.anonymised_at, _C.confidential,
                              _M.id, _M.committee_id, _M.date, _M.approved_at)
                       .select_from(MeetingItem.__table__).join(Meeting.__table__, _M.id == _I.meeting_id)
                       .outerjoin(Case.__table__, _C.id == _I.case_id)
                       .where(_I.id.in_(bindparam("ids", expanding=True)), _M.status != "cancelled")
                       .order_by(_I.id))


def _build_items(session: Session, ids: Sequence[int]) -> Iterator[Doc]:
    """Yield the documents of these items (of meetings not cancelled): one read, with meeting and case."""
    for row in session.connection().execute(_ITEMS_WITH_MEETING, {"ids": list(ids)}):
        case = _Case(row[8], row[9]) if row[7] is not None else None
        yield from _item_docs(_Meeting(*row[10:]), _Item(*row[:8], case))


def _line_meeting(line: CommunicationLine) -> int | None:
    return line.item.meeting_id if line.item is not None else None


MEETINGS = Source(
    "meetings", (AGENDA_KIND, MINUTES_KIND, NEWS_KIND),
    watches={Meeting: lambda m: m.id, CommunicationLine: _line_meeting},
    build=_build,
    parts=Parts((AGENDA_ITEM, MINUTES), {MeetingItem: lambda i: i.id}, _build_items, lambda i: i.meeting_id,
                MeetingItem),
    expected=lambda: select(Meeting.id).where(Meeting.status != "cancelled", Meeting.id.in_(
        select(MeetingItem.meeting_id).outerjoin(Case, Case.id == MeetingItem.case_id).where(
            or_(MeetingItem.kind == "case", and_(MeetingItem.kind.in_(INDEXED_ITEMS), MeetingItem.text != "")),
            Case.anonymised_at.is_(None)))),
)
