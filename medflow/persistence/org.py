"""The organisation: levels, committees (an adjacency list), people and their roles."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.domain.sides import EMPLOYEE, side_for_role
from medflow.persistence.base import Base, UTCDateTime, utcnow


class Level(Base):
    """A tier of the MED organisation; rank 0 is the top."""

    __tablename__ = "levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    rank: Mapped[int]

    committees: Mapped[list[Committee]] = relationship(back_populates="level")


class Committee(Base):
    """A MED committee (or staff meeting with MED status) with its parent above it."""

    __tablename__ = "committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level_id: Mapped[int] = mapped_column(ForeignKey("levels.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(String(1000))
    cost_centre: Mapped[str | None] = mapped_column(String(40), unique=True)  # HR's code for the workplace
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"))  # took over on close

    level: Mapped[Level] = relationship(back_populates="committees")
    parent: Mapped[Committee | None] = relationship(
        back_populates="children", remote_side=[id], foreign_keys=[parent_id])
    children: Mapped[list[Committee]] = relationship(
        back_populates="parent", order_by="Committee.name", foreign_keys=[parent_id])
    memberships: Mapped[list[Membership]] = relationship(back_populates="committee")


class Person(Base):
    """Someone who can log in: an employee, a committee member or an administrator."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    workplace_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    language: Mapped[str | None] = mapped_column(String(5))
    email_opt_out: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Part of every session's id: a new value (log-out, new password, deactivation) ends them all.
    session_token: Mapped[str | None] = mapped_column(String(64), default=lambda: new_session_token())

    workplace: Mapped[Committee | None] = relationship()
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    tokens: Mapped[list[ApiToken]] = relationship(back_populates="person")

    # Flask-Login's user protocol, written out so the model needs no Flask import.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """Return the id a session keeps: the person's id and their current session token."""
        return f"{self.id}:{self.session_token or ''}"  # no token (never set): no session holds


def new_session_token() -> str:
    """Return a fresh random session token."""
    return secrets.token_urlsafe(24)


class Membership(Base):
    """A person's role in one committee."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("person_id", "committee_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    # management | employee (domain.sides); when left out, derived from the role
    side: Mapped[str] = mapped_column(String(20), default=lambda ctx: _default_side(ctx),
                                      server_default=EMPLOYEE)
    since: Mapped[date | None] = mapped_column(Date)  # when the role began (training deadlines count from it)

    person: Mapped[Person] = relationship(back_populates="memberships")
    committee: Mapped[Committee] = relationship(back_populates="memberships")


def _default_side(context) -> str:
    """Return the side of a membership inserted without one: the one its role implies."""
    return side_for_role(context.get_current_parameters().get("role"))


class ApiToken(Base):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person] = relationship(back_populates="tokens")
