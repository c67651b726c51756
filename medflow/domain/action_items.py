"""An action-plan item's status, a fact read from its dates: done, overdue or open.

Done is the date the handler marked it done; overdue is not done while its due date (the kommune's
date) has passed. The case page, the annual pack and the key figures all read this one rule.
"""

from __future__ import annotations

from datetime import date

DONE, OVERDUE, OPEN = "done", "overdue", "open"
STATUSES = (DONE, OPEN, OVERDUE)


def status(due_date: date, done_on: date | None, today: date) -> str:
    """Return DONE, OVERDUE or OPEN for an item due `due_date`, on the kommune's date `today`."""
    if done_on is not None:
        return DONE
    return OVERDUE if due_date < today else OPEN
