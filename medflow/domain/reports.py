"""The arithmetic of the case reports: quarters in the kommune's zone, quantiles of days, shares.

The services count in SQL (grouped, so a report costs the same few statements however many cases
there are); what is left to do with the grouped numbers is here, pure and unit-tested: which
moments bound a quarter, the median and 90th percentile from a histogram of whole days, a share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from medflow.domain.calendar import start_of_day

QUARTERS = (1, 2, 3, 4)
YEAR = 0  # the column of the whole year, beside the four quarters

# The figures counted from the case history, in the order the report shows them: the key, the event
# whose rows count, and whether a person fired it (None: either; False: the system, a deadline escalation).
CASE_FIGURES: tuple[tuple[str, str, bool | None], ...] = (
    ("opened", "submit", None),
    ("resolved", "resolve", None),
    ("forwarded", "forward", True),
    ("escalated", "forward", False),
    ("referred", "refer", None),
    ("rejected", "reject", None),
    ("withdrawn", "withdraw", None),
)
CASCADE_FIGURES = ("cascades", "units_asked", "units_reported_back")
# What a committee did, beside its cases (services/reports/activity.py ACTIVITY_ROWS says where each
# count comes from).
ACTIVITY_FIGURES: tuple[str, ...] = ("meetings_held", "annual_discussions")
# The suggestions on the new-case form, kommune-wide: forms shown a shared answer, those that sent a
# case anyway, those that sent none ("spared"), and the spared share of the shown.
SUGGESTION_FIGURES = ("suggestions_shown", "suggestions_sent", "suggestions_spared", "suggestions_spared_share")


def quarter_starts(year: int) -> tuple[date, ...]:
    """Return the first day of each quarter of `year` and the first day of the next year (five dates)."""
    return (*(date(year, month, 1) for month in (1, 4, 7, 10)), date(year + 1, 1, 1))


def quarter_bounds(year: int) -> tuple[datetime, ...]:
    """Return the five moments (UTC) that start each quarter of `year` and the next year, in the kommune.

    A case opened at 00:30 Danish time on 1 April belongs to the second quarter, though it is still
    31 March in UTC: the bounds are the kommune's midnights, taken to UTC.
    """
    return tuple(start_of_day(day) for day in quarter_starts(year))


def quarter_of(day: date) -> int:
    """Return the quarter (1-4) a local date falls in."""
    return (day.month - 1) // 3 + 1


def quantile(histogram: Mapping[int, int], q: float) -> float | None:
    """Return the q-quantile (0..1) of whole-day values given as {days: how many}; None if there are none.

    Linear between the two nearest ranks (the "inclusive" method of `statistics.quantiles`, numpy's
    default): with values sorted v0..v(n-1) the quantile sits at position (n-1)*q. So the median of
    an even number of values is the mean of the middle two, and the 90th percentile of 1..10 is 9.1.
    """
    values = sorted((days, n) for days, n in histogram.items() if n > 0)
    total = sum(n for _d, n in values)
    if total == 0:
        return None
    position = (total - 1) * q
    below, fraction = int(position), position - int(position)
    low, high = _nth(values, below), _nth(values, min(below + 1, total - 1))
    return round(low + (high - low) * fraction, 1)


def _nth(values: Iterable[tuple[int, int]], index: int) -> int:
    """Return the value at 0-based `index` of the sorted values a histogram stands for."""
    seen = 0
    for days, n in values:
        seen += n
        if index < seen:
            return days
    raise IndexError(index)


def merged(histograms: Iterable[Mapping[int, int]]) -> dict[int, int]:
    """Return the histograms added together (a year's from its quarters': each case is in one)."""
    total: dict[int, int] = {}
    for histogram in histograms:
        for days, n in histogram.items():
            total[days] = total.get(days, 0) + n
    return total


def share(part: int, whole: int) -> float | None:
    """Return part/whole as a percentage with one decimal, or None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class FigureRow:
    """One figure across the year: a value per quarter (1-4) and for the whole year (`YEAR`).

    A value is None when it cannot be had (no case to take a median of; cascades and meetings have no
    topic, so they are not counted when the report is narrowed to one).
    """

    key: str
    values: dict[int, float | None]

    def quarters(self) -> list[float | None]:
        """Return the four quarters' values in order."""
        return [self.values.get(q) for q in QUARTERS]

    @property
    def year(self) -> float | None:
        """Return the whole year's value."""
        return self.values.get(YEAR)


def count_row(key: str, by_quarter: Mapping[int, int], year_total: int | None = None) -> FigureRow:
    """Return a counted figure: 0 in a quarter without rows, the year's total as given or the sum."""
    values: dict[int, float | None] = {q: by_quarter.get(q, 0) for q in QUARTERS}
    values[YEAR] = sum(by_quarter.values()) if year_total is None else year_total
    return FigureRow(key, values)


def absent_row(key: str) -> FigureRow:
    """Return a figure that does not apply to this selection: no value anywhere."""
    return FigureRow(key, {q: None for q in (*QUARTERS, YEAR)})
