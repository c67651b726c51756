"""Theme days: meetings that invite across committees by target group, and who signed up.

A theme day is a `Meeting` of the committee that publishes it (`kind` "theme_day"); its target
groups say who is invited, its sign-ups who comes and who does not.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.meetings import Meeting
from medflow.persistence.org import Committee, Person


class TargetGroup(Base):
    """One group a theme day invites: the members of a committee, every AMR, every TR or every leader."""

    __tablename__ = "meeting_target_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    audience: Mapped[str] = mapped_column(String(20))  # committee | amr | tr | leaders
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"))  # audience "committee"
    label: Mapped[str] = mapped_column(String(200), default="")  # the part of the day, e.g. Arbejdsmiljødag

    meeting: Mapped[Meeting] = relationship()
    committee: Mapped[Committee | None] = relationship()


class SignUp(Base):
    """An invitee's answer to a theme day: coming or not (the newest answer counts)."""

    __tablename__ = "meeting_signups"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    coming: Mapped[bool]
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    meeting: Mapped[Meeting] = relationship()
    person: Mapped[Person] = relationship()
