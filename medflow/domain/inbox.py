"""Which group of a committee's inbox a case is in: new, being handled, on the agenda, closed.

Stored on the case whenever it changes, so an inbox lists each group straight from an index
instead of working the group out for every case the committee ever held.
"""

from __future__ import annotations

from datetime import date, datetime

NEW, HANDLING, AGENDA, CLOSED = 0, 1, 2, 3


def inbox_group(initial_state: str, state: str, meeting_date: date | None, closed_at: datetime | None) -> int:
    """Return the inbox group of a case: closed, else on the agenda (a meeting date), else new or handling."""
    if closed_at is not None:
        return CLOSED
    if meeting_date is not None:
        return AGENDA
    return NEW if state == initial_state else HANDLING
