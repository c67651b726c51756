"""The periods a strategy plan gives its initiatives, as the plans write them in Danish.

"4. kvt. 2013", "3-4. kvt. 2014", "1. halvår 2014", "efterår 2014", "2013-2014", "2014" and
"hele planperioden" each name a stretch of time; the plan page draws them by quarter and calls an
initiative overdue once its last period has ended. A period in the past is history, not an error.
Seasons follow the municipal year: spring is March to May, autumn September to November.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

QUARTER, HALF, SEASON, YEARS, WHOLE = "quarter", "half", "season", "years", "whole"
SEASONS = {"forår": (3, 5), "efterår": (9, 11)}
WHOLE_TEXT = "hele planperioden"
YEAR_RANGE = (1990, 2100)

_QUARTERS = re.compile(r"^([1-4])(?:\.?\s*-\s*([1-4]))?\.\s*(?:kvt\.?|kvartal)\s+(\d{4})$")
_HALF = re.compile(r"^([12])\.\s*halvår\s+(\d{4})$")
_SEASON = re.compile(r"^(forår|efterår)\s+(\d{4})$")
_YEARS = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}))?$")
_WHOLE = {"hele planperioden", "hele perioden", "planperioden"}


class PeriodError(ValueError):
    """A period text that names no period (the message says which shapes there are)."""


@dataclass(frozen=True, order=True)
class Period:
    """One stretch of time: `first` and `last` are quarters, halves, seasons or years by `kind`."""

    kind: str
    year: int = 0
    first: int = 0
    last: int = 0

    def text(self) -> str:
        """Return the period as the plans write it (parse(text()) gives the same period)."""
        if self.kind == QUARTER:
            quarters = f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"
            return f"{quarters}. kvt. {self.year}"
        if self.kind == HALF:
            return f"{self.first}. halvår {self.year}"
        if self.kind == SEASON:
            return f"{'forår' if self.first == 1 else 'efterår'} {self.year}"
        if self.kind == YEARS:
            return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"
        return WHOLE_TEXT

    def dates(self, plan_years: tuple[int, int] | None = None) -> tuple[date, date]:
        """Return the first and last day of the period (the whole plan period needs the plan's years)."""
        if self.kind == QUARTER:
            return _month_start(self.year, 3 * self.first - 2), _month_end(self.year, 3 * self.last)
        if self.kind == HALF:
            return _month_start(self.year, 6 * self.first - 5), _month_end(self.year, 6 * self.first)
        if self.kind == SEASON:
            months = SEASONS["forår" if self.first == 1 else "efterår"]
            return _month_start(self.year, months[0]), _month_end(self.year, months[1])
        first, last = (self.first, self.last) if self.kind == YEARS else (plan_years or (0, 0))
        if not first:
            raise PeriodError("the whole plan period needs a plan with a start and an end year")
        return date(first, 1, 1), date(last, 12, 31)


def _month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def _year(raw: str) -> int:
    year = int(raw)
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise PeriodError(f"{year} is not a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
    return year


def parse(text: str) -> Period:
    """Read one period text; raise PeriodError naming the shapes when it is none of them."""
    clean = " ".join(str(text).split()).lower()
    if clean in _WHOLE:
        return Period(WHOLE)
    if match := _QUARTERS.match(clean):
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first:
            raise PeriodError(f"{text!r}: the quarters run backwards")
        return Period(QUARTER, _year(match[3]), first, last)
    if match := _HALF.match(clean):
        return Period(HALF, _year(match[2]), int(match[1]), int(match[1]))
    if match := _SEASON.match(clean):
        season = 1 if match[1] == "forår" else 2
        return Period(SEASON, _year(match[2]), season, season)
    if match := _YEARS.match(clean):
        first, last = _year(match[1]), _year(match[2] or match[1])
        if last < first:
            raise PeriodError(f"{text!r}: the years run backwards")
        return Period(YEARS, 0, first, last)
    raise PeriodError(f"{text!r} is not a period; write e.g. '4. kvt. 2013', '3-4. kvt. 2014', "
                      f"'1. halvår 2014', 'efterår 2014', '2013-2014', '2014' or '{WHOLE_TEXT}'")


def quarters_of(period: Period, plan_years: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """Return the (year, quarter) pairs the period touches, for the timeline."""
    start, end = period.dates(plan_years)
    return quarter_span(start, end)


def quarter_span(start: date, end: date) -> list[tuple[int, int]]:
    """Return every (year, quarter) from the one holding `start` to the one holding `end`."""
    year, quarter, found = start.year, (start.month - 1) // 3 + 1, []
    while (year, quarter) <= (end.year, (end.month - 1) // 3 + 1):
        found.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


def last_day(periods: list[Period], plan_years: tuple[int, int] | None = None) -> date | None:
    """Return the last day of the latest period, or None when the initiative has no period."""
    return max((p.dates(plan_years)[1] for p in periods), default=None)
