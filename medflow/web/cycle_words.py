"""The annual cycle in words: periods, recurrences and statuses as the pages show them."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date, gettext, lazy_gettext

from medflow.domain.cycle import Period
from medflow.persistence.models import CycleItem

STATES = {"held": lazy_gettext("Held"), "planned": lazy_gettext("Planned"), "overdue": lazy_gettext("Overdue"),
          "due": lazy_gettext("Not yet on a meeting"), "before": lazy_gettext("Before the item was added")}
KINDS = {"month": lazy_gettext("A month"), "quarter": lazy_gettext("A quarter"),
         "quarterly": lazy_gettext("Every quarter"), "year": lazy_gettext("Sometime in the year"),
         "meeting": lazy_gettext("At each meeting")}


def month_name(month: int) -> str:
    """Return a month's name in the current language."""
    return format_date(date(2000, month, 1), "LLLL")


def quarter_name(quarter: int) -> str:
    """Return "4th quarter" in the current language."""
    return gettext("Quarter %(n)s", n=quarter)


def period_label(item: CycleItem, period: Period | None) -> str:
    """Return where in the year an item's period lies: a month, a quarter or the whole year."""
    if period is None:
        return str(KINDS["meeting"])
    if item.kind == "month":
        return month_name(item.month)
    if item.kind == "quarter":
        return quarter_name(item.quarter)
    if item.kind == "quarterly":
        return quarter_name((period.start.month + 2) // 3)
    return gettext("The whole year")


def recurrence_label(item: CycleItem) -> str:
    """Return how often the item recurs, e.g. "every 3rd year from 2025: the whole year"."""
    if item.kind in ("meeting", "quarterly") and item.every_years == 1:
        return str(KINDS[item.kind])
    when = period_label(item, Period(date(2000, 1, 1), date(2000, 1, 1), ""))
    if item.every_years > 1:
        return gettext("Every %(n)s years from %(year)s: %(when)s", n=item.every_years, year=item.start_year,
                       when=when)
    return gettext("Every year: %(when)s", when=when)


def placement_label(item: CycleItem) -> str:
    """Return the month an item was moved to within its period, or an empty text."""
    return gettext("Placed in %(month)s", month=month_name(item.placed_month)) if item.placed_month else ""


def words() -> dict:
    """Return the helpers the cycle templates use."""
    return {"period_label": period_label, "recurrence_label": recurrence_label,
            "placement_label": placement_label, "state_words": STATES, "kind_words": KINDS,
            "month_name": month_name}
