"""Answers a committee shared with every employee, and what the new-case form suggested from them.

A shared answer is a text written for everyone, apart from the case's own answer (which may name
people); the case stays where it is. Unsharing keeps the row (who shared, who took it back) and
hides it from the archive and the feed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.cases import Case
from medflow.persistence.org import Committee, Person


class SharedAnswer(Base):
    """One answer shared with all employees: by committee, topic and level, newest first."""

    __tablename__ = "shared_answers"
    # the archive: live ones (unshared_at NULL) newest first, and its topic/level filters
    __table_args__ = (Index("ix_shared_answers_live", "unshared_at", "shared_at", "id"),
                      Index("ix_shared_answers_topic", "topic", "unshared_at", "shared_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    topic: Mapped[str | None] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(40))  # the committee's level key when it was shared
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    terms: Mapped[str] = mapped_column(Text, default="")  # title and text stemmed, for suggestions
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    shared_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    unshared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unshared_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    case: Mapped[Case] = relationship()
    committee: Mapped[Committee] = relationship()
    shared_by: Mapped[Person | None] = relationship(foreign_keys=[shared_by_id])
    unshared_by: Mapped[Person | None] = relationship(foreign_keys=[unshared_by_id])


class SuggestionShow(Base):
    """One new-case form that was shown suggestions, and whether a case was sent from it after all.

    No person is stored: the figure is "how often a shown answer led to no case", not who asked.
    `token` is the form's random id, so typing on (many requests) counts as one showing.
    """

    __tablename__ = "suggestion_shows"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(40), unique=True)
    via: Mapped[str] = mapped_column(String(10))  # "typing" (JavaScript) or "check" (the no-JS step)
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    answers: Mapped[int] = mapped_column(default=0)  # the most shared answers shown at once
    offers: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None: left without sending
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
