"""The case report: every figure of a selection, as tables the page, charts, CSV and API all read.

A report costs a fixed number of statements (one per query below), whatever the number of cases:
`tests/integration/test_reports.py` counts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date
from medflow.domain.reports import (
    ACTIVITY_FIGURES,
    CASCADE_FIGURES,
    CASE_FIGURES,
    QUARTERS,
    SUGGESTION_FIGURES,
    YEAR,
    FigureRow,
    absent_row,
    count_row,
    merged,
    quantile,
    share,
)
from medflow.persistence.models import Level
from medflow.services.reports import activity, history
from medflow.services.reports.selection import Selection

QUARTER_COLUMNS = ("q1", "q2", "q3", "q4", "year")


@dataclass(frozen=True)
class Row:
    """One row of a table: its key (a figure, or a level), a name where it has one, and its values."""

    key: str
    name: str | None
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Table:
    """A table of the report: `by` "quarters" (a row per figure) or "levels" (a row per level)."""

    id: str
    by: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Report:
    """The selection's tables for its year, and the open cases past their deadline now."""

    selection: Selection
    tables: tuple[Table, ...]
    overdue_now: int

    def table(self, table_id: str) -> Table | None:
        """Return the table `table_id`, or None."""
        return next((t for t in self.tables if t.id == table_id), None)


def _quarters(table_id: str, rows: list[FigureRow]) -> Table:
    """Return figure rows as a table with a column per quarter and one for the year."""
    return Table(table_id, "quarters", QUARTER_COLUMNS,
                 tuple(Row(r.key, None, (*r.quarters(), r.year)) for r in rows))


def _case_table(session: Session, sel: Selection) -> Table:
    by_quarter, year = history.counts_by_quarter(session, sel), history.counts_in_year(session, sel)
    return _quarters("cases", [count_row(key, by_quarter[key], year[key]) for key, _e, _p in CASE_FIGURES])


def _time_table(session: Session, sel: Selection) -> Table:
    rows = []
    for event in ("accept", "resolve"):
        histograms = history.days_to(session, sel, event)
        histograms[YEAR] = merged(histograms.values())  # each case is in one quarter: its first event
        for name, q in (("median", 0.5), ("p90", 0.9)):
            rows.append(FigureRow(f"{event}_{name}", {k: quantile(histograms.get(k, {}), q)
                                                      for k in (*QUARTERS, YEAR)}))
    return _quarters("times", rows)


def _level_table(session: Session, sel: Selection) -> Table:
    found = history.right_level(session, sel)
    total, here = ({q: v[i] for q, v in found.items()} for i in (0, 1))
    year_total, year_here = sum(total.values()), sum(here.values())
    shares = {q: share(here.get(q, 0), total.get(q, 0)) for q in QUARTERS}
    shares[YEAR] = share(year_here, year_total)
    return _quarters("right_level", [count_row("resolved_here", total), count_row("resolved_right_level", here),
                                     FigureRow("right_level_share", shares)])


def _cascade_table(session: Session, sel: Selection) -> Table:
    if sel.by_case:
        return _quarters("cascades", [absent_row(k) for k in CASCADE_FIGURES])
    found = activity.cascades(session, sel)
    return _quarters("cascades", [count_row(k, {q: v[i] for q, v in found.items()})
                                  for i, k in enumerate(CASCADE_FIGURES)])


def _activity_table(session: Session, sel: Selection, now: datetime) -> Table:
    if sel.by_case:
        return _quarters("activity", [absent_row(k) for k in ACTIVITY_FIGURES])
    today = local_date(now)
    return _quarters("activity", [count_row(k, activity.ACTIVITY_ROWS[k](session, sel, today))
                                  for k in ACTIVITY_FIGURES])


def _suggestion_table(session: Session, sel: Selection) -> Table:
    """Return the suggestions' table: kommune-wide, so the same whatever the selection narrows to."""
    found = activity.suggestions(session, sel)
    shown, sent = ({q: getattr(f, name) for q, f in found.items()} for name in ("shown", "sent"))
    spared = {q: f.left for q, f in found.items()}
    shares = {q: share(spared.get(q, 0), shown.get(q, 0)) for q in QUARTERS}
    shares[YEAR] = share(sum(spared.values()), sum(shown.values()))
    counts = zip(SUGGESTION_FIGURES[:3], (shown, sent, spared), strict=True)
    counted = [count_row(key, values) for key, values in counts]
    return _quarters("suggestions", [*counted, FigureRow(SUGGESTION_FIGURES[-1], shares)])


def _by_level_table(session: Session, sel: Selection) -> Table:
    levels = session.scalars(select(Level).order_by(Level.rank)).all()
    found = history.counts_by_level(session, sel)
    keys = tuple(key for key, _e, _p in CASE_FIGURES)
    rows = tuple(Row(lv.key, lv.name, tuple(found.get(lv.id, {}).get(k, 0) for k in keys)) for lv in levels
                 if sel.level is None or lv.id == sel.level.id)
    return Table("levels", "levels", keys, rows)


def case_report(session: Session, sel: Selection, now: datetime) -> Report:
    """Return every table of the selection's year, and what is overdue at `now`."""
    tables = (_case_table(session, sel), _time_table(session, sel), _level_table(session, sel),
              _cascade_table(session, sel), _activity_table(session, sel, now), _suggestion_table(session, sel),
              _by_level_table(session, sel))
    return Report(sel, tables, activity.overdue_now(session, sel, now))
