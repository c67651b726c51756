"""The annual cycle (årshjul): when a recurring item is due, as pure date arithmetic.

An item recurs in a month, a quarter, every quarter (sickness absence) or a whole year, every year
or every N years counted from a start year (the APV every third year), or at each meeting. A
committee may place an item later within its period (a 4th-quarter item in November), never
outside it: the period is what the
item is measured by, so it is overdue only when the whole period passed without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from medflow.domain.errors import Invalid, _

KINDS = ("month", "quarter", "quarterly", "year", "meeting")
MAX_EVERY = 10
YEARS = (2000, 2100)


@dataclass(frozen=True)
class Period:
    """The days an item is due in (both ends included), with a stable key for reminders."""

    start: date
    end: date
    key: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Recurrence:
    """When an item recurs; build it with `recurrence`, which checks every field."""

    kind: str
    month: int | None = None
    quarter: int | None = None
    every_years: int = 1
    start_year: int | None = None


def _int(name: str, value: object, low: int, high: int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise Invalid(_("%(field)s must be a whole number from %(low)s to %(high)s."),
                      field=name, low=low, high=high) from None
    if not low <= number <= high:
        raise Invalid(_("%(field)s must be a whole number from %(low)s to %(high)s."),
                      field=name, low=low, high=high)
    return number


def recurrence(kind: object, month: object = None, quarter: object = None, every_years: object = 1,
               start_year: object = None) -> Recurrence:
    """Return a checked recurrence, or raise Invalid naming the field that is wrong."""
    if kind not in KINDS:
        raise Invalid(_("kind must be one of: %(choices)s."), choices=", ".join(KINDS))
    if kind == "meeting":
        return Recurrence("meeting")
    every = _int("every_years", every_years if every_years not in (None, "") else 1, 1, MAX_EVERY)
    start = None
    if every > 1:
        if start_year in (None, ""):
            raise Invalid(_("start_year is required when the item recurs every few years."))
        start = _int("start_year", start_year, *YEARS)
    return Recurrence(kind, month=_int("month", month, 1, 12) if kind == "month" else None,
                      quarter=_int("quarter", quarter, 1, 4) if kind == "quarter" else None,
                      every_years=every, start_year=start)


def runs_in(rec: Recurrence, year: int) -> bool:
    """Tell whether the item is due at all in a year (every N years from its start year)."""
    if rec.every_years == 1 or rec.start_year is None:
        return True
    return year >= rec.start_year and (year - rec.start_year) % rec.every_years == 0


def _month_end(year: int, month: int) -> date:
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)


def _quarter(year: int, quarter: int) -> Period:
    first = 3 * quarter - 2
    return Period(date(year, first, 1), _month_end(year, first + 2), f"{year}-Q{quarter}")


def periods_in(rec: Recurrence, year: int) -> list[Period]:
    """Return the item's periods in a year, soonest first; none when it is not due that year."""
    if rec.kind == "meeting" or not runs_in(rec, year):
        return []
    if rec.kind == "month":
        return [Period(date(year, rec.month, 1), _month_end(year, rec.month), f"{year}-{rec.month:02d}")]
    if rec.kind == "quarter":
        return [_quarter(year, rec.quarter)]
    if rec.kind == "quarterly":
        return [_quarter(year, q) for q in range(1, 5)]
    return [Period(date(year, 1, 1), date(year, 12, 31), str(year))]


def period_in(rec: Recurrence, year: int) -> Period | None:
    """Return the item's first period in a year, or None when it is not due that year."""
    found = periods_in(rec, year)
    return found[0] if found else None


def period_of(rec: Recurrence, day: date) -> Period | None:
    """Return the period `day` falls in, or None when the item is not due then."""
    return next((p for p in periods_in(rec, day.year) if day in p), None)


def latest_ended(rec: Recurrence, today: date) -> Period | None:
    """Return the newest period that ended before `today` (what the sweep checks), if any."""
    for year in range(today.year, today.year - MAX_EVERY - 2, -1):
        found = [p for p in periods_in(rec, year) if p.end < today]
        if found:
            return found[-1]
    return None


def counting_period(rec: Recurrence, today: date) -> Period | None:
    """Return the period a roll-up counts now: the one under way, else the latest that ended."""
    return period_of(rec, today) or latest_ended(rec, today)


def months_of(rec: Recurrence) -> tuple[int, ...]:
    """Return the months an item may be placed in within its period (nothing to choose for a month)."""
    if rec.kind == "quarter":
        return tuple(range(3 * rec.quarter - 2, 3 * rec.quarter + 1))
    if rec.kind == "year":
        return tuple(range(1, 13))
    return ()


def check_placement(rec: Recurrence, month: object) -> int | None:
    """Return a checked month to place the item in (None: the start of its period), or raise Invalid."""
    if month in (None, ""):
        return None
    number = _int("placed_month", month, 1, 12)
    if number not in months_of(rec):
        raise Invalid(_("An item can only be moved within its period."))
    return number


def lands_on(rec: Recurrence, day: date, placed_month: int | None = None) -> Period | None:
    """Return the period a meeting on `day` would hold the item for, or None when it is not due then.

    An item placed in a later month of its period lands on the first meeting from that month on.
    """
    found = period_of(rec, day)
    if found is None or (placed_month is not None and day.month < placed_month):
        return None
    return found


def sections(template: str) -> list[str]:
    """Return a minutes template's sections: one per non-empty line."""
    return [line.strip(" -*\t") for line in template.splitlines() if line.strip(" -*\t")]


def minutes_from(template: str) -> str:
    """Return the minutes an item starts from: each section as a heading with room below it."""
    return "\n\n".join(f"{name}:\n" for name in sections(template))
