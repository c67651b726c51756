"""Goals a committee sets itself: one model for the annual work-environment discussion and the strategy plan.

The annual discussion sets goals for the coming year (each with an owner and a due date) and opens
the next year's discussion by asking how each went; a strategy plan's subjects state goals too.
Both are the same thing to follow up, so they share one table: `year` says which annual discussion
set a goal, and a plan's subject can point to its goals the same way (its own column, added with
the plan). Every change of status is a dated note, so "how did it go" has a history, not only an
answer.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.org import Committee, Person

GOAL_STATUSES = ("open", "met", "partly_met", "not_met", "dropped")


class Goal(Base):
    """A goal of a committee, with who follows it up and by when (both optional for a plan's goals)."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(index=True)  # the annual discussion that set it, if one did
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("plan_subjects.id"), index=True)  # a plan's
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    committee: Mapped[Committee] = relationship()
    owner: Mapped[Person | None] = relationship()
    notes: Mapped[list[GoalNote]] = relationship(back_populates="goal", order_by="GoalNote.id")


class GoalNote(Base):
    """A dated change of a goal's status, with who made it and why (append-only)."""

    __tablename__ = "goal_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    goal: Mapped[Goal] = relationship(back_populates="notes")
