"""The annual work-environment discussion (its pack per committee and year) and the members' training.

A pack's sections are what the law asks a committee to put in writing; the minutes fill them, and
the approval of the minutes freezes the pack: `snapshot` then holds what the page showed, so a
figure imported later does not change what was discussed. Training records say who took which
course when; the status (done, due, missing) is computed from them (domain/training.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.meetings import MeetingItem
from medflow.persistence.org import Committee, Person


class TrainingRecord(Base):
    """A course a person took on a day (imported from a file or entered by a committee's secretary)."""

    __tablename__ = "training_records"
    __table_args__ = (UniqueConstraint("person_id", "course", "taken_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    course: Mapped[str] = mapped_column(String(30))  # statutory | supplementary | med | kommune_med
    taken_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])


class AnnualPack(Base):
    """A committee's annual work-environment discussion of one year: its sections and, once held, its record."""

    __tablename__ = "annual_packs"
    __table_args__ = (UniqueConstraint("committee_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    year: Mapped[int]
    # its agenda item; taken off the agenda (deleted), the pack stays, waiting for another meeting
    item_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_items.id", ondelete="SET NULL"), index=True)
    collaboration: Mapped[str] = mapped_column(Text, default="")  # forms of collaboration
    meeting_intervals: Mapped[str] = mapped_column(Text, default="")
    competence_plan: Mapped[str] = mapped_column(Text, default="")
    # goals for next year: [{"text", "owner_id", "due_on"}]; they become Goal rows when the minutes are approved
    next_goals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    committee: Mapped[Committee] = relationship()
    item: Mapped[MeetingItem | None] = relationship()
