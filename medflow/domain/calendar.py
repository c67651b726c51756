"""Dates as the kommune means them: a deadline "on the 10th" ends at midnight in the kommune's zone.

Moments are stored in UTC; a date that a person picks (a report-back date, an action item's due
date) belongs to the kommune's own time zone. Taking the end of the day in UTC instead put it an hour
or two into the next Danish day, so deadlines showed one day late. The zone is set once per process
from configuration (`MEDFLOW_TIMEZONE`, default Europe/Copenhagen).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Europe/Copenhagen"
_zone = ZoneInfo(DEFAULT_ZONE)


def set_kommune_zone(name: str) -> None:
    """Use the IANA zone `name` for every date from now on (raises ZoneInfoNotFoundError if unknown)."""
    global _zone
    _zone = ZoneInfo(name)


def kommune_zone() -> ZoneInfo:
    """Return the kommune's time zone."""
    return _zone


def start_of_day(day: date) -> datetime:
    """Return the first moment of `day` in the kommune, in UTC."""
    return datetime.combine(day, time.min, _zone).astimezone(UTC)


def end_of_day(day: date) -> datetime:
    """Return the last moment of `day` in the kommune, in UTC (the start of the next day, less 1 µs)."""
    return start_of_day(day + timedelta(days=1)) - timedelta(microseconds=1)


def local_date(moment: datetime) -> date:
    """Return the kommune's date at `moment` (a naive moment is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone).date()
