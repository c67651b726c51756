"""Dates as the kommune means them: its time zone, its working days and its working hours.

Moments are stored in UTC; a date that a person picks (a report-back date, an action item's due
date) belongs to the kommune's own time zone. Taking the end of the day in UTC instead put it an hour
or two into the next Danish day, so deadlines showed one day late. The zone is set once per process
from configuration (`MEDFLOW_TIMEZONE`, default Europe/Copenhagen).

Working days are not weekends, not public holidays (from the `holidays` library: Easter moves every
year, Store Bededag ended in 2024) and not the days the kommune itself closes, which are no public
holidays by law (`MEDFLOW_CLOSED_DAYS`, default Grundlovsdag, juleaften and nytårsaftensdag).
Reminders and escalations wait for working hours (`MEDFLOW_WORKDAY_START_HOUR`/`_END_HOUR`), so
nobody is told at night or while the town hall is closed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

DEFAULT_ZONE = "Europe/Copenhagen"
DEFAULT_CLOSED_DAYS = "06-05,12-24,12-31"  # Grundlovsdag, juleaften, nytårsaftensdag
DEFAULT_HOURS = (8, 17)  # reminders go out from 08:00 until 17:00, the kommune's wall-clock time
_zone = ZoneInfo(DEFAULT_ZONE)
_closed_yearly: frozenset[tuple[int, int]] = frozenset()  # (month, day), set by set_closed_days below
_closed_dates: frozenset[date] = frozenset()
_hours = DEFAULT_HOURS


def set_kommune_zone(name: str) -> None:
    """Use the IANA zone `name` for every date from now on (raises ZoneInfoNotFoundError if unknown)."""
    global _zone
    _zone = ZoneInfo(name)


def kommune_zone() -> ZoneInfo:
    """Return the kommune's time zone."""
    return _zone


def set_closed_days(spec: str) -> None:
    """Close the kommune on `spec`'s days: comma-separated MM-DD (every year) and/or ISO dates (once).

    Set once per process from `MEDFLOW_CLOSED_DAYS`; an empty text closes no extra day. A bad item
    raises ValueError at start-up, rather than deadlines silently counting a closed day.
    """
    global _closed_yearly, _closed_dates
    yearly, once = set(), set()
    for item in (part.strip() for part in spec.split(",")):
        if len(item) == 5:
            day = date(2000, int(item[:2]), int(item[3:]))  # a leap year, so 02-29 is allowed
            yearly.add((day.month, day.day))
        elif item:
            once.add(date.fromisoformat(item))
    _closed_yearly, _closed_dates = frozenset(yearly), frozenset(once)


set_closed_days(DEFAULT_CLOSED_DAYS)  # until configuration says otherwise (also in scripts and unit tests)


def set_working_hours(start: int, end: int) -> None:
    """Send reminders from hour `start` until hour `end` of a working day (0 <= start < end <= 24)."""
    global _hours
    if not 0 <= start < end <= 24:
        raise ValueError(f"working hours must satisfy 0 <= start < end <= 24, not {start}-{end}")
    _hours = (start, end)


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(day: date) -> bool:
    """Tell whether the kommune is open on `day`."""
    return day.weekday() < 5 and day not in _public_holidays(day.year) \
        and (day.month, day.day) not in _closed_yearly and day not in _closed_dates


def working_day(day: date, step: int = 1) -> date:
    """Return `day` if it is a working day, else the nearest one in the direction of `step` (+1 or -1)."""
    while not is_working_day(day):
        day += timedelta(days=step)
    return day


def add_working_days(start: date, n: int) -> date:
    """Return the `n`th working day after `start` (before it if `n` is negative); `start` never counts."""
    step = 1 if n >= 0 else -1
    day = start
    for _ in range(abs(n)):
        day = working_day(day + timedelta(days=step), step)
    return day


def start_of_day(day: date) -> datetime:
    """Return the first moment of `day` in the kommune, in UTC."""
    return datetime.combine(day, time.min, _zone).astimezone(UTC)


def end_of_day(day: date) -> datetime:
    """Return the last moment of `day` in the kommune, in UTC (the start of the next day, less 1 µs)."""
    return start_of_day(day + timedelta(days=1)) - timedelta(microseconds=1)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local_date(moment: datetime) -> date:
    """Return the kommune's date at `moment` (a naive moment is taken as UTC)."""
    return _aware(moment).astimezone(_zone).date()


def is_working_time(moment: datetime) -> bool:
    """Tell whether `moment` falls in the kommune's working hours on a working day (its own zone)."""
    local = _aware(moment).astimezone(_zone)
    return is_working_day(local.date()) and _hours[0] <= local.hour < _hours[1]


def working_moment(moment: datetime) -> datetime:
    """Return `moment` in working time, else the next working morning at the start hour, in UTC.

    The start hour is wall-clock time, so it is 07:00 UTC in winter and 06:00 UTC in summer in
    Copenhagen: a fixed UTC offset would send reminders an hour early half the year.
    """
    moment = _aware(moment)
    if is_working_time(moment):
        return moment.astimezone(UTC)
    local = moment.astimezone(_zone)
    day = local.date() if local.hour < _hours[0] else local.date() + timedelta(days=1)
    return datetime.combine(working_day(day), time(_hours[0]), _zone).astimezone(UTC)


def add_working_time(moment: datetime, n: int) -> datetime:
    """Return the same wall-clock time `n` working days after `moment` (moved into working time first).

    A case that arrives on Saturday evening counts from Monday morning, as the committee first sees it
    then; each of the `n` days is one the kommune is open.
    """
    local = working_moment(moment).astimezone(_zone)
    day = add_working_days(local.date(), n)
    return datetime.combine(day, local.time().replace(tzinfo=None), _zone).astimezone(UTC)
