"""A committee's key figures for this year and last: its own total and, side by side, its units below.

Each unit's figure covers the unit and every committee under it. Whatever rests on fewer than five
people or survey answers is hidden on its own and counted only in the total above (domain/figures.py);
the page, the CSV files and the API all read this one report, so they hide the same cells.

Where the headcount comes from: sickness absence uses the imported FTE, turnover the imported
average headcount, wellbeing the number of answers, risk reports the imported employees column,
else the number of active people whose workplace the committee is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medflow.domain import figures as fig
from medflow.persistence.figures import MODELS
from medflow.persistence.models import Committee, Person


@dataclass(frozen=True)
class Cell:
    """One figure: None when nothing was imported, or when it is hidden (too few people behind it)."""

    value: float | None
    hidden: bool = False


@dataclass(frozen=True)
class Row:
    """A row of a table: a unit (committee key), a month (1-12) or a survey dimension, one cell a year."""

    key: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """One table of the report, with its chart: `id` is kind-by, e.g. sickness-units, risk-months."""

    id: str
    kind: str
    by: str
    years: tuple[int, ...]
    rows: tuple[Row, ...]


def _cell(kind: str, total: fig.Total | None, hide: bool) -> Cell:
    """Return a cell: hidden (no number) when asked to, empty when nothing was imported."""
    if total is None:
        return Cell(None)
    if hide or total.small:
        return Cell(None, True)
    value = total.value(kind)
    return Cell(None if value is None else round(value, 1))


class _Units:
    """The committee, its units below and, for each, the ids of the committees its figures cover."""

    def __init__(self, session: Session, committee: Committee) -> None:
        self.committee = committee
        self.units = [c for c in committee.children if c.closed_at is None]
        children = defaultdict(list)
        for cid, parent_id in session.execute(select(Committee.id, Committee.parent_id)):
            children[parent_id].append(cid)
        self.cover = {u.id: _below(children, u.id) for u in [committee, *self.units]}
        self.all_ids = self.cover[committee.id]
        counts = session.execute(select(Person.workplace_id, func.count()).where(
            Person.active, Person.workplace_id.in_(self.all_ids)).group_by(Person.workplace_id)).all()
        self.people = dict(counts)


def _below(children: dict[int | None, list[int]], top: int) -> set[int]:
    """Return `top` and every committee under it (closed ones too: their figures were real)."""
    found, todo = set(), [top]
    while todo:
        found.add(current := todo.pop())
        todo += children.get(current, [])
    return found


def _totals(session: Session, kind: str, units: _Units, years: tuple[int, ...]) -> dict:
    """Return {(committee id, year, month or dimension): Total} for the stored rows."""
    model = MODELS[kind]
    stored = session.scalars(select(model).where(model.committee_id.in_(units.all_ids),
                                                 model.year.in_(years))).all()
    totals = {}
    for s in stored:
        values = {f: getattr(s, f) for f in ("days", "fte", "score", "responses", "reports", "employees",
                                             "leavers", "headcount") if hasattr(s, f)}
        part = getattr(s, "month", None) if kind != "wellbeing" else s.dimension
        totals[(s.committee_id, s.year, part)] = fig.row_total(
            kind, values, s.year, getattr(s, "month", None), units.people.get(s.committee_id, 0))
    return totals


def _by_part(totals: dict, ids: set[int], year: int) -> dict:
    """Add the units `ids` together per month or dimension of one year."""
    parts = defaultdict(list)
    for (cid, y, part), total in totals.items():
        if y == year and cid in ids:
            parts[part].append(total)
    return {part: fig.add_units(ts) for part, ts in parts.items()}


def _year_total(kind: str, parts: dict) -> fig.Total | None:
    """Join a year's months (or a survey's dimensions) into the year's figure."""
    if not parts:
        return None
    join = fig.over_dimensions if kind == "wellbeing" else fig.over_time
    return join(parts.values())


def _units_table(kind: str, units: _Units, totals: dict, years: tuple[int, ...]) -> Table:
    """The committee's total first, then each unit below it, one cell a year."""
    own = [_year_total(kind, _by_part(totals, units.cover[units.committee.id], y)) for y in years]
    rows = [Row(units.committee.key, units.committee.name, tuple(_cell(kind, t, False) for t in own))]
    columns = [[_year_total(kind, _by_part(totals, units.cover[u.id], y)) for u in units.units] for y in years]
    own_staff = [_year_total(kind, _by_part(totals, {units.committee.id}, y)) for y in years]
    hide = [fig.hidden(column, beside) for column, beside in zip(columns, own_staff, strict=True)]
    for i, unit in enumerate(units.units):
        rows.append(Row(unit.key, unit.name, tuple(_cell(kind, columns[j][i], i in hide[j])
                                                   for j in range(len(years)))))
    return Table(f"{kind}-units", kind, "units", years, tuple(rows))


def _parts_table(kind: str, units: _Units, totals: dict, years: tuple[int, ...]) -> Table:
    """The committee's total by month (sickness, risk) or by survey dimension (wellbeing)."""
    per_year = [_by_part(totals, units.all_ids, y) for y in years]
    if kind == "wellbeing":
        parts = sorted({p for year in per_year for p in year})
        by, labels = "dimensions", {p: p for p in parts}
    else:
        parts, by = list(range(1, 13)), "months"
        labels = {p: str(p) for p in parts}
    rows = [Row(str(p), labels[p], tuple(_cell(kind, year.get(p), False) for year in per_year)) for p in parts]
    return Table(f"{kind}-{by}", kind, by, years, tuple(rows))


def committee_figures(session: Session, committee: Committee, year: int) -> list[Table]:
    """Return every table of a committee's key figures for `year` and the year before."""
    units, years = _Units(session, committee), (year - 1, year)
    tables = []
    for kind in fig.KINDS:
        totals = _totals(session, kind, units, years)
        tables.append(_units_table(kind, units, totals, years))
        if kind != "turnover":
            tables.append(_parts_table(kind, units, totals, years))
    return tables
