"""Key figures for the annual work-environment discussion: the kinds, their rows and the sums over units.

Four kinds are imported from HR's and the survey provider's files: sickness absence (per workplace
and month), wellbeing survey results (per workplace, year and dimension), risk reports (per
workplace and month, or a whole year) and staff turnover (per workplace and year). Percentages are
always computed here from the counts, never typed, so a unit's total and its parts agree.

Privacy: a figure resting on fewer than MIN_GROUP people (or survey answers) is never shown on its
own; it counts only in the total of the committee above (see `hidden`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from medflow.domain.calendar import is_working_day

KINDS = ("sickness", "wellbeing", "risk", "turnover")
MIN_GROUP = 5  # fewer people or survey answers than this: the figure is only part of the total above
WHOLE_YEAR = 0  # a risk-report row's month when the file counts the whole year
SCALE = {"sickness": 100.0, "wellbeing": 1.0, "risk": None, "turnover": 100.0}  # None: a plain count


@dataclass(frozen=True)
class FigureRow:
    """One imported line: the workplace as written (key or cost-centre code), the period and values.

    `values` holds the kind's numbers by name: sickness {days, fte}, wellbeing {score, responses},
    risk {reports, employees (optional)}, turnover {leavers, headcount}.
    """

    line: int
    workplace: str
    year: int
    month: int | None
    values: dict[str, float]
    dimension: str = ""

    def period(self) -> tuple[int, int | None, str]:
        """Return what makes the row unique for its workplace: year, month and survey dimension."""
        return self.year, self.month, self.dimension


@dataclass(frozen=True)
class Total:
    """Counts of one kind for one unit and period: the figure is numerator / denominator × scale.

    `base` is how many people (sickness: FTE, turnover: average headcount, risk: employees) or
    survey answers the figure rests on; it decides whether the figure may be shown on its own.
    """

    numerator: float = 0.0
    denominator: float = 0.0
    base: float = 0.0

    def value(self, kind: str) -> float | None:
        """Return the figure: a percentage, an average score or a count; None when nothing was counted."""
        scale = SCALE[kind]
        if scale is None:
            return self.numerator
        return self.numerator * scale / self.denominator if self.denominator else None

    @property
    def small(self) -> bool:
        """Tell whether too few people or answers stand behind the figure to show it on its own."""
        return self.base < MIN_GROUP


def working_days(year: int, month: int) -> int:
    """Return the kommune's working days in a month: the days an FTE could have been at work.

    Not cached: the closed days are configuration (calendar.set_closed_days) and may change.
    """
    days = calendar.monthrange(year, month)[1]
    return sum(is_working_day(date(year, month, d)) for d in range(1, days + 1))


def absence_percent(days: float, fte: float, year: int, month: int) -> float | None:
    """Return sickness absence in percent: absence days / (FTE × working days in the month) × 100."""
    capacity = fte * working_days(year, month)
    return 100.0 * days / capacity if capacity else None


def row_total(kind: str, row_values: dict[str, float], year: int, month: int | None,
              people: float = 0.0) -> Total:
    """Turn one stored row into counts; `people` is the headcount when the row has no column for it."""
    v = row_values
    if kind == "sickness":
        return Total(v["days"], v["fte"] * working_days(year, month or 1), v["fte"])
    if kind == "wellbeing":
        return Total(v["score"] * v["responses"], v["responses"], v["responses"])
    if kind == "risk":
        employees = v.get("employees")
        return Total(v["reports"], 1.0, people if employees is None else employees)
    return Total(v["leavers"], v["headcount"], v["headcount"])


def add_units(totals: Iterable[Total]) -> Total:
    """Add the same period of several units: everything sums, also the people behind it."""
    items = list(totals)
    return Total(sum(t.numerator for t in items), sum(t.denominator for t in items),
                 sum(t.base for t in items))


def over_time(totals: Iterable[Total]) -> Total:
    """Add months into a year: the counts sum; the people behind it are the average month's."""
    items = list(totals)
    base = sum(t.base for t in items) / len(items) if items else 0.0
    return Total(sum(t.numerator for t in items), sum(t.denominator for t in items), base)


def over_dimensions(totals: Iterable[Total]) -> Total:
    """Join a survey's dimensions into one score: answers weigh; the fewest answers decide privacy."""
    items = list(totals)
    return Total(sum(t.numerator for t in items), sum(t.denominator for t in items),
                 min((t.base for t in items), default=0.0))


def hidden(totals: Sequence[Total | None], beside: Total | None = None) -> set[int]:
    """Return the positions of the side-by-side units whose figure must not be shown.

    A small unit is hidden; when exactly one is, the next smallest is hidden too, so the small
    one cannot be worked out by subtracting the others from the total above. `beside` is a part of
    that total shown on no row (the committee's own staff, outside its units): when it is small it
    counts as the one to protect, or the total less every unit shown would give it away.
    """
    small = {i for i, t in enumerate(totals) if t is not None and t.small}
    shown = sorted((t.base, i) for i, t in enumerate(totals) if t is not None and not t.small)
    if len(small) + (beside is not None and beside.small) == 1 and shown:
        small.add(shown[0][1])
    return small
