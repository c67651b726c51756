"""Importing one kind of key figures: judge every row first, then replace the periods the file covers.

A period is a workplace's month (sickness absence, risk reports per month) or year (wellbeing,
turnover, risk reports for a whole year). Importing a workplace's period again replaces all of it,
so a corrected file from HR takes the old one's place; workplaces the file does not name keep their
figures (one area's file leaves the others alone). The plan says how many rows are added, changed
and removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from medflow.domain.errors import DefinitionError, Problem, _
from medflow.domain.figures import WHOLE_YEAR, FigureRow
from medflow.domain.figures_csv import FigureProblem, FiguresFile
from medflow.persistence.figures import MODELS
from medflow.persistence.models import Committee, Person
from medflow.services.admin import audit

SOURCE = "figures-import"
FIELDS = {"sickness": ("days", "fte"), "wellbeing": ("score", "responses"), "risk": ("reports", "employees"),
          "turnover": ("leavers", "headcount")}
CHUNK = 500  # ids per DELETE, well inside every database's limit on bound parameters
WHOLE = {"responses", "reports", "employees", "leavers"}


@dataclass
class FiguresPlan:
    """What an import would do: the rows with their committees, and the counts of what changes."""

    kind: str
    rows: list[tuple[FigureRow, Committee]] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        """Return the counts by name (for the audit trail and the messages)."""
        return {"added": self.added, "changed": self.changed, "removed": self.removed,
                "unchanged": self.unchanged}


def _key(kind: str, committee_id: int, row_or_stored) -> tuple:
    """Return the (workplace, period) a row replaces: a month for monthly kinds, else the year."""
    month = getattr(row_or_stored, "month", None) if kind in ("sickness", "risk") else None
    return committee_id, row_or_stored.year, month


def _resolve(session: Session, figures: FiguresFile) -> tuple[list[tuple[FigureRow, Committee]], list[Problem]]:
    """Find each row's committee by key or cost-centre code; an unknown or closed one is a problem."""
    committees = session.scalars(select(Committee)).all()
    by_key = {c.key: c for c in committees}
    by_code = {c.cost_centre: c for c in committees if c.cost_centre}
    found, problems = [], []
    for row in figures.rows:
        committee = by_key.get(row.workplace) or by_code.get(row.workplace)
        if committee is None:
            problems.append(FigureProblem(
                figures.file, row.line, _("unknown workplace %(workplace)r: no committee has that key or "
                                          "cost-centre code"), workplace=row.workplace))
        elif committee.closed_at is not None:
            problems.append(FigureProblem(
                figures.file, row.line, _("workplace %(workplace)r belongs to %(key)s, which is closed"),
                workplace=row.workplace, key=committee.key))
        else:
            found.append((row, committee))
    return found, problems


def _duplicates(figures: FiguresFile, rows: list[tuple[FigureRow, Committee]]) -> list[Problem]:
    """Refuse a second row for the same workplace and period, and a year given both whole and by month."""
    first: dict[tuple, int] = {}
    problems = []
    for row, committee in rows:
        key = (committee.id, *row.period())
        if key in first:
            problems.append(FigureProblem(figures.file, row.line, _("duplicate row for %(key)s (also on line "
                                          "%(first)s)"), key=committee.key, first=first[key]))
        first.setdefault(key, row.line)
    whole = {(c.id, r.year) for r, c in rows if figures.kind == "risk" and r.month == WHOLE_YEAR}
    problems += [FigureProblem(figures.file, r.line, _("%(key)s has risk reports for %(year)s both for the "
                               "whole year and per month"), key=c.key, year=r.year)
                 for r, c in rows if r.month != WHOLE_YEAR and (c.id, r.year) in whole]
    return problems


def _stored(session: Session, kind: str, rows: list[tuple[FigureRow, Committee]]) -> list:
    """Return the stored rows of the workplaces and periods the file covers (which it replaces)."""
    model = MODELS[kind]
    keys = {_key(kind, c.id, r) for r, c in rows}
    if not keys:
        return []
    near = session.scalars(select(model).where(model.committee_id.in_({k[0] for k in keys}),
                                               model.year.in_({k[1] for k in keys}))).all()
    years = {(cid, year) for cid, year, _m in keys}
    whole = {(cid, year) for cid, year, month in keys if kind == "risk" and month == WHOLE_YEAR}
    return [s for s in near if _covered(_key(kind, s.committee_id, s), keys, years, whole)]


def _covered(key: tuple, keys: set, years: set, whole: set) -> bool:
    """Tell whether a stored row is replaced: same period, or (risk) a whole year and its months alike."""
    cid, year, month = key
    return key in keys or (cid, year) in whole or (month == WHOLE_YEAR and (cid, year) in years)


def _value(name: str, value: float | None) -> float | int | None:
    """Return a value as its column stores it: counts as whole numbers."""
    return int(value) if value is not None and name in WHOLE else value


def plan_figures(session: Session, figures: FiguresFile) -> FiguresPlan:
    """Judge the whole file; raise DefinitionError with every problem, else return what would change."""
    rows, problems = _resolve(session, figures)
    problems = [*figures.problems, *problems, *_duplicates(figures, rows)]
    if problems:
        raise DefinitionError(sorted(problems, key=lambda p: p.line or 0))
    plan = FiguresPlan(figures.kind, rows)
    stored = _stored(session, figures.kind, rows)
    old = {(s.committee_id, s.year, getattr(s, "month", None), getattr(s, "dimension", "")): s for s in stored}
    for row, committee in rows:
        before = old.pop((committee.id, row.year, row.month, row.dimension), None)
        if before is None:
            plan.added += 1
        elif any(getattr(before, f) != row.values.get(f) for f in FIELDS[figures.kind]):
            plan.changed += 1
        else:
            plan.unchanged += 1
    plan.removed = len(old)
    return plan


def apply_figures(session: Session, actor: Person | None, figures: FiguresFile, plan: FiguresPlan,
                  source: str = SOURCE) -> None:
    """Replace the file's periods with its rows and record the import in the audit trail, in one commit."""
    model = MODELS[figures.kind]
    ids = [s.id for s in _stored(session, figures.kind, plan.rows)]
    for start in range(0, len(ids), CHUNK):
        session.execute(delete(model).where(model.id.in_(ids[start:start + CHUNK])))
    for row, committee in plan.rows:
        extra = {"month": row.month} if figures.kind in ("sickness", "risk") else {}
        if figures.kind == "wellbeing":
            extra["dimension"] = row.dimension
        values = {f: _value(f, row.values.get(f)) for f in FIELDS[figures.kind]}
        session.add(model(committee_id=committee.id, year=row.year, **extra, **values))
    audit.record(session, actor, "figures.import", figures.file, None,
                 {"kind": figures.kind, "file": figures.file, **plan.counts()}, source=source)
    session.commit()
