"""The guideline register's own facts: each change of a guideline's standing, who made it and when.

A guideline *is* a case closed with the outcome "guideline"; its text, committee, topic and
date stay on the case. Only what happens to it afterwards (replaced by another guideline,
withdrawn) is recorded here, append-only: the newest row of a case is its standing now.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.cases import Case
from medflow.persistence.org import Person


class GuidelineChange(Base):
    """One change of a guideline's standing: in force again, replaced (by another one) or withdrawn."""

    __tablename__ = "guideline_changes"
    __table_args__ = (Index("ix_guideline_changes_case", "case_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    status: Mapped[str] = mapped_column(String(20))  # in_force | replaced | withdrawn
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    effective_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    replaced_by: Mapped[Case | None] = relationship(foreign_keys=[replaced_by_id])
    actor: Mapped[Person | None] = relationship()
