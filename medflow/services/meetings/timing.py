"""When a meeting happens: decisions and approval from its start, "held" once it has ended."""

from __future__ import annotations

from datetime import UTC, datetime

from medflow.domain.calendar import kommune_zone
from medflow.domain.errors import NotPossible, _
from medflow.persistence.models import Meeting


def starts_at(meeting: Meeting) -> datetime:
    """Return the meeting's start in UTC (its date and time are the kommune's wall-clock time)."""
    return datetime.combine(meeting.date, meeting.start_time, kommune_zone()).astimezone(UTC)


def ends_at(meeting: Meeting) -> datetime:
    """Return the meeting's end in UTC."""
    return datetime.combine(meeting.date, meeting.end_time, kommune_zone()).astimezone(UTC)


def has_started(meeting: Meeting, now: datetime) -> bool:
    """Tell whether the meeting has begun (a decision can be recorded from then on)."""
    return now >= starts_at(meeting)


def has_taken_place(meeting: Meeting, now: datetime) -> bool:
    """Tell whether a meeting that was not cancelled has ended: only then is it "held"."""
    return meeting.status != "cancelled" and now >= ends_at(meeting)


def require_started(meeting: Meeting, now: datetime) -> None:
    """Raise NotPossible before the meeting's start: nothing is decided or approved weeks ahead."""
    if not has_started(meeting, now):
        raise NotPossible(_("The meeting has not begun: decisions and approval are possible from its "
                            "start, %(date)s at %(time)s."), date=meeting.date.isoformat(),
                          time=meeting.start_time.strftime("%H.%M"))
