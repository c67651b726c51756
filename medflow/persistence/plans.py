"""A committee's strategy plan: vision, subjects, initiatives, their dated status notes and links.

A subject's goals are rows of the shared `goals` table (`Goal.subject_id`), so the goals of a plan
and those of the annual discussion are followed up the same way. An initiative's periods are kept
as the plans write them ("4. kvt. 2013"), one per line, and read by `domain.plan_periods`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.goals import Goal
from medflow.persistence.org import Committee, Person


class Plan(Base):
    """A committee's strategy plan for a period of years (the years may be left open)."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    vision: Mapped[str] = mapped_column(Text, default="")
    start_year: Mapped[int | None] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    committee: Mapped[Committee] = relationship()
    subjects: Mapped[list[PlanSubject]] = relationship(back_populates="plan", order_by="PlanSubject.position")

    @property
    def years(self) -> tuple[int, int] | None:
        """Return (start, end) when the plan names its years."""
        return (self.start_year, self.end_year) if self.start_year and self.end_year else None


class PlanSubject(Base):
    """A subject (emne / indsatsområde) of a plan: its intro, goals and initiatives; also a focus area."""

    __tablename__ = "plan_subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="subjects")
    goals: Mapped[list[Goal]] = relationship(order_by="Goal.id", foreign_keys="Goal.subject_id")
    initiatives: Mapped[list[Initiative]] = relationship(back_populates="subject",
                                                         order_by="Initiative.position")


class Initiative(Base):
    """What the committee will do ("det vil vi"), when, who answers for it and where it stands."""

    __tablename__ = "plan_initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("plan_subjects.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    periods: Mapped[str] = mapped_column(Text, default="")  # period texts, one a line
    responsible: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    decision: Mapped[str] = mapped_column(Text, default="")  # which decision it waits for

    subject: Mapped[PlanSubject] = relationship(back_populates="initiatives")
    notes: Mapped[list[InitiativeNote]] = relationship(back_populates="initiative",
                                                          order_by="InitiativeNote.id")
    links: Mapped[list[InitiativeLink]] = relationship(back_populates="initiative",
                                                          order_by="InitiativeLink.id")

    @property
    def period_texts(self) -> list[str]:
        """Return the initiative's period texts in order."""
        return [line for line in self.periods.split("\n") if line]


class InitiativeNote(Base):
    """A dated change of an initiative's status, with the decision it waits for (append-only)."""

    __tablename__ = "plan_initiative_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("plan_initiatives.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    initiative: Mapped[Initiative] = relationship(back_populates="notes")
    by: Mapped[Person | None] = relationship()


class InitiativeLink(Base):
    """An initiative's link to a case, a cascade or a meeting item (exactly one of them)."""

    __tablename__ = "plan_initiative_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("plan_initiatives.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    cascade_id: Mapped[int | None] = mapped_column(ForeignKey("cascades.id"))
    meeting_item_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_items.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    initiative: Mapped[Initiative] = relationship(back_populates="links")
