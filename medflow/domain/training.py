"""Who must take which course, and by when: the training status of MED and work-environment members.

The statutory work-environment training (den lovpligtige arbejdsmiljøuddannelse) is due within a
member of the work-environment organisation's first three months; from the year after it, the
supplementary training (den supplerende arbejdsmiljøuddannelse) is due once a year. Every MED member
takes the MED training within the first year, and KommuneMED's members its one-day course. A
status is a fact computed from the dates, never typed: done, due (by a date still to come) or missing.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

STATUTORY, SUPPLEMENTARY, MED, KOMMUNE_MED = "statutory", "supplementary", "med", "kommune_med"
COURSES = (STATUTORY, SUPPLEMENTARY, MED, KOMMUNE_MED)
WORK_ENVIRONMENT_ROLES = frozenset({"amr"})  # the members of the work-environment organisation
WITHIN_MONTHS = {STATUTORY: 3, MED: 12, KOMMUNE_MED: 12}
DONE, DUE, MISSING = "done", "due", "missing"


@dataclass(frozen=True)
class Need:
    """One course a member needs: done (and when), due (by when) or missing (overdue)."""

    course: str
    status: str
    due_on: date | None = None
    taken_on: date | None = None


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _once(course: str, since: date | None, taken: list[date], today: date) -> Need:
    """A course taken once: done when taken, due until its deadline after joining, then missing."""
    if taken:
        return Need(course, DONE, taken_on=max(taken))
    if since is None:  # start unknown: nobody can say the deadline is still to come
        return Need(course, MISSING)
    deadline = add_months(since, WITHIN_MONTHS[course])
    return Need(course, DUE if today <= deadline else MISSING, due_on=deadline)


def _yearly(statutory: list[date], taken: list[date], today: date) -> Need | None:
    """The supplementary training, each year from the year after the statutory one."""
    if not statutory or min(statutory).year >= today.year:
        return None
    this_year = [d for d in taken if d.year == today.year]
    if this_year:
        return Need(SUPPLEMENTARY, DONE, taken_on=max(this_year))
    return Need(SUPPLEMENTARY, DUE, due_on=date(today.year, 12, 31), taken_on=max(taken) if taken else None)


def needs(
    roles: Iterable[str], top: bool, since: date | None, taken: dict[str, list[date]], today: date
) -> list[Need]:
    """Return the courses a member with these roles in one committee needs, and how each stands."""
    roles = set(roles)
    found = [_once(MED, since, taken.get(MED, []), today)]
    if roles & WORK_ENVIRONMENT_ROLES:
        found.insert(0, _once(STATUTORY, since, taken.get(STATUTORY, []), today))
        yearly = _yearly(taken.get(STATUTORY, []), taken.get(SUPPLEMENTARY, []), today)
        found += [yearly] if yearly else []
    if top:
        found.append(_once(KOMMUNE_MED, since, taken.get(KOMMUNE_MED, []), today))
    return found


def statutory_missing(found: list[Need]) -> bool:
    """Tell whether the statutory training is missing past a known deadline: the chair is told.

    A member whose role has no start date is shown as missing it but not flagged: nobody can say
    when their three months ran out (the import of people gives no date; the secretary can).
    """
    return any(n.course == STATUTORY and n.status == MISSING and n.due_on is not None for n in found)
