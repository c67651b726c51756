"""Working days in a Danish kommune: not weekends, not public holidays, not the days the town hall closes.

Public holidays come from the `holidays` library (Easter moves every year; Store Bededag ended in
2024). Kommuner also close on Grundlovsdag, Christmas Eve and New Year's Eve, which are not public
holidays by law, so they are added here.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

CLOSED_DAYS = ((6, 5), (12, 24), (12, 31))  # Grundlovsdag, juleaften, nytårsaftensdag


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(day: date) -> bool:
    """Tell whether the kommune is open on `day`."""
    return day.weekday() < 5 and day not in _public_holidays(day.year) \
        and (day.month, day.day) not in CLOSED_DAYS


def working_day(day: date, step: int = 1) -> date:
    """Return `day` if it is a working day, else the nearest one in the direction of `step` (+1 or -1)."""
    while not is_working_day(day):
        day += timedelta(days=step)
    return day
