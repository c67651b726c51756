"""Importing one kind of key figures: judge every row first, then replace the periods the file covers.

A period is a month (sickness absence, risk reports per month) or a year (wellbeing, turnover,
risk reports for a whole year). Importing a period again replaces all of it, so a corrected file
from HR simply takes the old one's place; the plan says how many rows that adds, changes and removes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, delete, false, or_, select
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


def _period(kind: str, row: FigureRow) -> tuple[int, int | None]:
    """Return the period a row belongs to: (year, month) for monthly kinds, else (year, None)."""
    return (row.year, row.month) if kind in ("sickness", "risk") else (row.year, None)


def _resolve(session: Session, figures: FiguresFile) -> tuple[list[tuple[FigureRow, Committee]], list[Problem]]:
    """Find each row's committee by key or cost-centre code; an unknown or closed one is a problem."""
    committees = session.scalars(select(Committee)).all()
    by_key = {c.key: c for c in committees}
    by_code = {c.cost_centre: c for c in committees if c.cost_centre}
    found, problems = [], []
    for row in figures.rows:
        committee = by_key.get(row.workplace) or by_code.get(row.workplace)
        if committee is None:
            problems.append(FigureProblem(figures.file, row.line, _("unknown workplace %(workplace)r: no "
                                          "committee has that key or cost-centre code"), workplace=row.workplace))
        elif committee.closed_at is not None:
            problems.append(FigureProblem(figures.file, row.line, _("workplace %(workplace)r belongs to "
                                          "%(key)s, which is closed"), workplace=row.workplace, key=committee.key))
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


def _periods_clause(kind: str, periods: set[tuple[int, int | None]]):
    """Return the condition that selects the stored rows of the periods a file covers."""
    model = MODELS[kind]
    if kind in ("sickness", "risk"):
        return or_(false(), *(and_(model.year == y, model.month == m) for y, m in sorted(periods)))
    return model.year.in_(sorted({y for y, _m in periods}))


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
    where = _periods_clause(figures.kind, {_period(figures.kind, r) for r, _c in rows})
    stored = session.scalars(select(MODELS[figures.kind]).where(where)).all()
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
    session.execute(delete(model).where(_periods_clause(figures.kind, {_period(figures.kind, r)
                                                                        for r, _c in plan.rows})))
    for row, committee in plan.rows:
        extra = {"month": row.month} if figures.kind in ("sickness", "risk") else {}
        if figures.kind == "wellbeing":
            extra["dimension"] = row.dimension
        values = {f: _value(f, row.values.get(f)) for f in FIELDS[figures.kind]}
        session.add(model(committee_id=committee.id, year=row.year, **extra, **values))
    audit.record(session, actor, "figures.import", figures.kind, None,
                 {"kind": figures.kind, "file": figures.file, **plan.counts()}, source=source)
    session.commit()
