"""The case reports in words: each table's title and note, each figure's name, numbers as a Dane writes them."""

from __future__ import annotations

from flask_babel import format_decimal, gettext, lazy_gettext

from medflow.services.reports.report import Row, Table

TABLE_TITLES = {
    "cases": lazy_gettext("Cases by quarter"),
    "times": lazy_gettext("Days to acceptance and to resolution"),
    "right_level": lazy_gettext("Resolved at the right level"),
    "cascades": lazy_gettext("Cascades sent down"),
    "activity": lazy_gettext("Meetings and annual discussions"),
    "suggestions": lazy_gettext("Suggestions that spared a case"),
    "levels": lazy_gettext("Cases by level, whole year"),
}
TABLE_NOTES = {
    "cases": lazy_gettext("Each case counts once in a quarter, where the step was taken: a submission at "
                          "the committee it came to, the rest at the committee that held the case. A case "
                          "reopened and resolved again counts once more only in another quarter."),
    "times": lazy_gettext("Whole days from the submission to the case's first acceptance and first "
                          "resolution, wherever they happened, in the quarter they happened. The median is "
                          "the middle case; 9 in 10 cases took no longer than the 90th percentile."),
    "right_level": lazy_gettext("Of the cases submitted here and resolved for the first time in the "
                                "quarter: how many were resolved at the level where they were submitted."),
    "cascades": lazy_gettext("Decisions, information and tasks the committees sent down, by the day they "
                             "were sent; the units that have reported back so far."),
    "activity": lazy_gettext("Meetings held (not cancelled), and the committees that held their annual "
                             "work-environment discussion (its minutes approved), in the committees you sit "
                             "on."),
    "suggestions": lazy_gettext("Forms for a new case that were shown a shared answer, and how many sent no "
                                "case after all. For the whole kommune: the filters for level, committee, "
                                "topic and focus area do not apply."),
    "levels": lazy_gettext("The same counts for the whole year, by the level of the committee where the "
                           "step was taken."),
}
FIGURES = {
    "opened": lazy_gettext("Cases opened"), "resolved": lazy_gettext("Cases resolved"),
    "forwarded": lazy_gettext("Forwarded up"), "escalated": lazy_gettext("Deadline escalations"),
    "referred": lazy_gettext("Referred down"), "rejected": lazy_gettext("Cases rejected"),
    "withdrawn": lazy_gettext("Cases withdrawn"),
    "accept_median": lazy_gettext("Days to acceptance, median"),
    "accept_p90": lazy_gettext("Days to acceptance, 90th percentile"),
    "resolve_median": lazy_gettext("Days to resolution, median"),
    "resolve_p90": lazy_gettext("Days to resolution, 90th percentile"),
    "resolved_here": lazy_gettext("Resolved, submitted here"),
    "resolved_right_level": lazy_gettext("Resolved at the level where submitted"),
    "right_level_share": lazy_gettext("Share resolved at the right level"),
    "cascades": lazy_gettext("Cascades sent"), "units_asked": lazy_gettext("Units asked"),
    "units_reported_back": lazy_gettext("Units that reported back"),
    "meetings_held": lazy_gettext("Meetings held"),
    "annual_discussions": lazy_gettext("Annual discussions held"),
    "suggestions_shown": lazy_gettext("Shown a shared answer"),
    "suggestions_sent": lazy_gettext("Sent a case anyway"),
    "suggestions_spared": lazy_gettext("Sent no case"),
    "suggestions_spared_share": lazy_gettext("Share that sent no case"),
}
DECIMALS = {"accept_median", "accept_p90", "resolve_median", "resolve_p90"}
PERCENT = {"right_level_share", "suggestions_spared_share"}


def column_label(key: str) -> str:
    """Return a column's heading: a quarter ("1st quarter"), the year, or a figure's name."""
    if key.startswith("q") and key[1:].isdigit():
        return gettext("Q%(n)s", n=key[1:])
    if key == "year":
        return gettext("Whole year")
    return str(FIGURES[key])


def row_label(row: Row) -> str:
    """Return a row's name: the level's own name, else the figure's."""
    return row.name or str(FIGURES[row.key])


def number(figure: str, value: float | None) -> str:
    """Return a value as shown: whole numbers, days with a decimal, a share in percent; "—" for none."""
    if value is None:
        return "—"
    if figure in PERCENT:
        return f"{format_decimal(value, format='#,##0.0')} %"
    return format_decimal(value, format="#,##0.0" if figure in DECIMALS else "#,##0")


def cells(table: Table, row: Row) -> list[str]:
    """Return a row's values in words (the figure is the row, or the column in the table by level)."""
    figures = table.columns if table.by == "levels" else [row.key] * len(row.values)
    return [number(f, v) for f, v in zip(figures, row.values, strict=True)]
