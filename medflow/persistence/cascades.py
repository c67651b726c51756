"""Cascades: a decision, information or task published by a committee to those below it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.cases import Case
from medflow.persistence.org import Committee, Person


class Cascade(Base):
    """What a committee published downwards; each receiving committee gets a cascade case."""

    __tablename__ = "cascades"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    publisher_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(20))  # decision | information | task
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    internal: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    committee: Mapped[Committee] = relationship()
    publisher: Mapped[Person] = relationship()
    receipts: Mapped[list[CascadeReceipt]] = relationship(
        back_populates="cascade", order_by="CascadeReceipt.id"
    )


class CascadeReceipt(Base):
    """One committee's copy of a cascade: the case it handles it in."""

    __tablename__ = "cascade_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    cascade_id: Mapped[int] = mapped_column(ForeignKey("cascades.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    via_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))

    cascade: Mapped[Cascade] = relationship(back_populates="receipts")
    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    committee: Mapped[Committee] = relationship()
