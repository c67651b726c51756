"""The key figures in words: each table's title, each kind's explanation, numbers as a Dane writes them."""

from __future__ import annotations

from babel.dates import get_month_names
from flask_babel import format_decimal, get_locale, gettext, lazy_gettext

from medflow.domain.figures import MIN_GROUP
from medflow.services.figures.report import Cell, Table

KIND_TITLES = {
    "sickness": lazy_gettext("Sickness absence"), "wellbeing": lazy_gettext("Wellbeing survey"),
    "risk": lazy_gettext("Risk reports"), "turnover": lazy_gettext("Staff turnover"),
}
KIND_NOTES = {
    "sickness": lazy_gettext("Absence days ÷ (full-time equivalents × working days in the month), in "
                             "percent. The full-time equivalents in the file are the headcount."),
    "wellbeing": lazy_gettext("The dimensions' scores, weighted by the number of answers. The number of "
                              "answers is the headcount; a dimension counts with the fewest answers."),
    "risk": lazy_gettext("Reports of risks, near misses and accidents. The headcount is the file's "
                         "employees column, else the active people with that workplace in medflow."),
    "turnover": lazy_gettext("Leavers ÷ average headcount, in percent. The average headcount in the file "
                             "is the headcount."),
}
TABLE_TITLES = {
    "sickness-units": lazy_gettext("Sickness absence in percent, by unit"),
    "sickness-months": lazy_gettext("Sickness absence in percent, by month"),
    "wellbeing-units": lazy_gettext("Wellbeing: score by unit"),
    "wellbeing-dimensions": lazy_gettext("Wellbeing: score by dimension"),
    "risk-units": lazy_gettext("Risk reports by unit"),
    "risk-months": lazy_gettext("Risk reports by month"),
    "turnover-units": lazy_gettext("Staff turnover in percent, by unit"),
}
ROW_HEADERS = {"units": lazy_gettext("Unit"), "months": lazy_gettext("Month"),
               "dimensions": lazy_gettext("Dimension")}
PERCENT = {"sickness", "turnover"}


def number(kind: str, value: float) -> str:
    """Return a figure as shown: one decimal (comma in Danish), a percent sign where it is one."""
    if kind == "risk":
        return format_decimal(value, format="#,##0")
    shown = format_decimal(value, format="#,##0.0")
    return f"{shown} %" if kind in PERCENT else shown


def cell_text(kind: str, cell: Cell) -> str:
    """Return a cell in words: the number, that it is hidden, or that nothing was imported."""
    if cell.hidden:
        return gettext("Fewer than %(n)s – counted in the total", n=MIN_GROUP)
    return "—" if cell.value is None else number(kind, cell.value)


def row_labels(table: Table) -> list[str]:
    """Return the rows' labels: a unit's name, a month's name, a survey dimension as the file gave it."""
    if table.by != "months":
        return [row.label for row in table.rows]
    names = get_month_names("wide", locale=get_locale())
    return [names[int(row.key)] for row in table.rows]


def chart_labels(table: Table) -> list[str]:
    """Return the chart's group labels; a hidden unit says so, as it has no bar."""
    labels = row_labels(table)
    if table.by != "units":
        return labels
    note = gettext("fewer than %(n)s", n=MIN_GROUP)
    return [f"{label} ({note})" if any(c.hidden for c in row.cells) else label
            for label, row in zip(labels, table.rows, strict=True)]


# The counts from medflow's own work-environment cases (services/figures/work_environment.py).
WORK_ENVIRONMENT_LABELS = {
    "accident": lazy_gettext("Accidents"), "near_miss": lazy_gettext("Near misses"),
    "violence_threat": lazy_gettext("Violence and threats"), "physical": lazy_gettext("Physical"),
    "psychosocial": lazy_gettext("Psychosocial"), "items_done": lazy_gettext("Action items done"),
    "items_open": lazy_gettext("Action items open"), "items_overdue": lazy_gettext("Action items overdue"),
}
