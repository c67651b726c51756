"""A person's choices for notification e-mail: a mode per kind, the digest hour, the last digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from medflow.domain.mailprefs import DEFAULT_HOUR, DEFAULTS, Choices
from medflow.persistence.base import Base, UTCDateTime


def _mode(kind: str) -> Mapped[str]:
    return mapped_column(String(10), default=DEFAULTS[kind], server_default=DEFAULTS[kind])


class MailPreference(Base):
    """How one person wants each kind of mail (a missing row means the defaults)."""

    __tablename__ = "mail_preferences"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    submitted: Mapped[str] = _mode("submitted")
    committees: Mapped[str] = _mode("committees")
    deadlines: Mapped[str] = _mode("deadlines")
    information: Mapped[str] = _mode("information")
    meetings: Mapped[str] = _mode("meetings")
    digest_hour: Mapped[int] = mapped_column(default=DEFAULT_HOUR, server_default=str(DEFAULT_HOUR))
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def choices(self) -> Choices:
        """Return the stored choices as the domain's value."""
        return Choices({k: getattr(self, k) for k in DEFAULTS}, self.digest_hour)
