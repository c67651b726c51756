"""In-app notifications, the e-mail outbox and the record of reminders already sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.cases import Case, CaseEvent


class Notification(Base):
    """Something a person should know about a case; unread until `read_at` is set."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_person_read", "person_id", "read_at"),
        Index("ix_notifications_person_created", "person_id", "created_at", "id"),  # the list, newest first
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)  # None: a meeting's
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    case_event_id: Mapped[int | None] = mapped_column(ForeignKey("case_events.id"))
    kind: Mapped[str] = mapped_column(String(40))  # an event name, escalate, reminder_before...
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what the message names
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    case: Mapped[Case | None] = relationship()
    case_event: Mapped[CaseEvent | None] = relationship()


class OutboxMessage(Base):
    """An e-mail waiting to be sent after its transaction committed; retried with back-off."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Rows queued before these columns existed have them empty and are sent as plain text, as then.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    message_id: Mapped[str | None] = mapped_column(String(300))
    html: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[dict[str, str] | None] = mapped_column(JSON)  # threading and unsubscribe
    pruned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # body dropped (OUTBOX_KEEP_DAYS)


class SentReminder(Base):
    """One reminder the sweep has sent; the unique key makes each reminder go out once."""

    __tablename__ = "sent_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)  # None: a meeting task
    kind: Mapped[str] = mapped_column(String(20))  # before | due
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
