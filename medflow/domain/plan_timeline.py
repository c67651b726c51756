"""The figures behind a plan's timeline: which quarters each initiative is taken up in, and what is overdue.

Pure, so the chart, the table for screen readers and the tests read the same numbers. An initiative
is overdue when it is neither done nor dropped and its last period has ended; one without periods
is never overdue, and a past period of a finished initiative is simply history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from medflow.domain.plan_file import CLOSED
from medflow.domain.plan_periods import Period, last_day, quarter_span, quarters_of


@dataclass(frozen=True)
class Row:
    """One initiative on the timeline: its label, the quarters it is active in, and whether it is late."""

    label: str
    key: int
    active: tuple[bool, ...]
    overdue: bool


@dataclass(frozen=True)
class Timeline:
    """Quarters along the top, one row per dated initiative."""

    quarters: tuple[tuple[int, int], ...]
    rows: tuple[Row, ...]

    def quarter_labels(self) -> list[str]:
        """Return each quarter as the plans write it ("4. kvt. 2013")."""
        return [f"{q}. kvt. {y}" for y, q in self.quarters]


def is_overdue(status: str, periods: list[Period], today: date, plan_years: tuple[int, int] | None) -> bool:
    """Say whether an initiative is late: still open and its last period has ended before today."""
    end = last_day(periods, plan_years)
    return status not in CLOSED and end is not None and end < today


def timeline(items: list[tuple[str, int, str, list[Period]]], plan_years: tuple[int, int] | None,
             today: date) -> Timeline:
    """Lay out (label, key, status, periods) items by quarter; items without periods are left out."""
    dated = [(label, key, status, periods) for label, key, status, periods in items if periods]
    spans = {key: {q for p in periods for q in quarters_of(p, plan_years)} for _, key, _, periods in dated}
    every = set().union(*spans.values()) if spans else set()
    if plan_years:
        every |= set(quarter_span(date(plan_years[0], 1, 1), date(plan_years[1], 12, 31)))
    if not every:
        return Timeline((), ())
    (y0, q0), (y1, q1) = min(every), max(every)
    quarters = tuple(quarter_span(date(y0, 3 * q0, 1), date(y1, 3 * q1, 1)))
    rows = tuple(Row(label, key, tuple(q in spans[key] for q in quarters),
                     is_overdue(status, periods, today, plan_years)) for label, key, status, periods in dated)
    return Timeline(quarters, rows)
