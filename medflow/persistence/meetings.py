"""Meetings: their agenda items, minutes, the communication item's lines, addenda and feed tokens."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.cases import Case
from medflow.persistence.cycle import CycleItem
from medflow.persistence.org import Committee, Person


class Meeting(Base):
    """A committee meeting; times are local (Danish) wall-clock times; `version` guards changes."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")  # planned | cancelled
    # committee (its own meeting) | theme_day (invites across committees: persistence.theme_days)
    kind: Mapped[str] = mapped_column(String(20), default="committee", server_default="committee")
    title: Mapped[str | None] = mapped_column(String(200))  # a theme day's name (StoreMEDdag 2027)
    agenda_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    minute_taker_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))  # the referent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    committee: Mapped[Committee] = relationship()
    approved_by: Mapped[Person | None] = relationship(foreign_keys=[approved_by_id])
    minute_taker: Mapped[Person | None] = relationship(foreign_keys=[minute_taker_id])
    approvals: Mapped[list[MinutesApproval]] = relationship(
        back_populates="meeting", order_by="MinutesApproval.approved_at", cascade="all, delete-orphan")
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", order_by="Attendance.id", cascade="all, delete-orphan")
    items: Mapped[list[MeetingItem]] = relationship(
        back_populates="meeting", order_by="MeetingItem.position", cascade="all, delete-orphan")
    addenda: Mapped[list[MinutesAddendum]] = relationship(
        back_populates="meeting", order_by="MinutesAddendum.id", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class MeetingItem(Base):
    """One agenda item (a case, a free item or the communication item) and its minutes."""

    __tablename__ = "meeting_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))  # case | free | standing | communication | moved
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    case_version: Mapped[int | None]  # the case's version when it was put on this agenda
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(String(40))  # an event name, or "postponed"
    decision_data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    internal: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A case moved from one published agenda to another: both items name the other meeting. Plain ids,
    # not foreign keys, so that `join(Meeting)` from an item stays unambiguous (neither meeting can be
    # deleted while it has a case item, so the ids stay good).
    moved_to_id: Mapped[int | None]  # kind "moved": the meeting the case went to
    moved_from_id: Mapped[int | None]  # the meeting whose published agenda the case came from
    # an item the annual cycle put on the agenda
    cycle_item_id: Mapped[int | None] = mapped_column(ForeignKey("cycle_items.id"), index=True)
    version: Mapped[int] = mapped_column(default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    moved_to: Mapped[Meeting | None] = relationship(
        primaryjoin="foreign(MeetingItem.moved_to_id) == Meeting.id", viewonly=True)
    moved_from: Mapped[Meeting | None] = relationship(
        primaryjoin="foreign(MeetingItem.moved_from_id) == Meeting.id", viewonly=True)
    case: Mapped[Case | None] = relationship()
    cycle_item: Mapped[CycleItem | None] = relationship()
    recorded_by: Mapped[Person | None] = relationship()
    lines: Mapped[list[CommunicationLine]] = relationship(
        back_populates="item", order_by="CommunicationLine.id", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class CommunicationLine(Base):
    """Who tells whom what, how and by when after the meeting: a task, maybe a newsletter story."""

    __tablename__ = "communication_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("meeting_items.id"), index=True)
    what: Mapped[str] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(String(20))  # employees | workplace | parent
    audience_committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"))
    channel: Mapped[str] = mapped_column(String(20))  # staff_meeting | intranet | email | newsletter
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    due_date: Mapped[date] = mapped_column(Date)
    story_title: Mapped[str | None] = mapped_column(String(200))
    story_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[MeetingItem] = relationship(back_populates="lines")
    owner: Mapped[Person] = relationship()
    audience_committee: Mapped[Committee | None] = relationship()


class MinutesAddendum(Base):
    """A dated correction to approved minutes (the minutes themselves stay as approved)."""

    __tablename__ = "minutes_addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="addenda")
    author: Mapped[Person] = relationship()


class MinutesApproval(Base):
    """One side's approval of the minutes (the chair for management, the vice chair for the employees)."""

    __tablename__ = "minutes_approvals"
    __table_args__ = (UniqueConstraint("meeting_id", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    side: Mapped[str] = mapped_column(String(20))  # chair | vice_chair
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship(back_populates="approvals")
    person: Mapped[Person] = relationship()


class Attendance(Base):
    """Whether a member was present at a meeting or sent apologies (afbud), as the minutes record it."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    present: Mapped[bool]

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship()


class StandingItem(Base):
    """An item on every agenda of a committee (its own list; the defaults until it edits it)."""

    __tablename__ = "standing_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    at_end: Mapped[bool] = mapped_column(default=False)  # after the cases (eventuelt), before communication


class CalendarToken(Base):
    """A person's secret calendar-feed token (random and unguessable; shown to its owner)."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
