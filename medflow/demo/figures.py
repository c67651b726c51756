"""Two years of key figures for every demo workplace, so /committees/KEY/figures shows real-looking data.

The numbers are made up but plausible for a Danish kommune: 4-7 % sickness absence with a winter
peak, survey scores around 70 of 100, a few risk reports a month and 8-15 % turnover. Three
workplaces have fewer than five employees, so the pages show the small-unit rule at work. Each kind
goes through the same plan and import as HR's files; running the demo again replaces the same periods.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.figures import FigureRow, working_days
from medflow.domain.figures_csv import FiguresFile
from medflow.persistence.models import Committee
from medflow.services.figures.importer import apply_figures, plan_figures

FTE = {  # full-time equivalents per workplace; below 5: shown only inside the CenterMED's total
    "lok-os-adm": 38.0, "lok-ejendomme": 22.5, "lok-jobcenter": 64.0, "lok-borgerservice": 14.0,
    "lok-skovvejens-skole": 58.5, "lok-boernehuset-soendervang": 26.0, "lok-tandplejen": 4.2,
    "lok-bibliotek": 17.0, "lok-idraetsanlaeg": 3.5, "lok-musikskolen": 4.6, "lok-vej-og-park": 31.0,
    "lok-byg-og-miljoe": 12.0, "lok-plejecenter-skovbrynet": 72.0, "lok-hjemmeplejen": 85.0,
    "lok-bostedet-kildehaven": 29.0, "lok-rusmiddelcenter": 9.0,
}
DIMENSIONS = ("Arbejdsmængde og tempo", "Indflydelse", "Ledelse", "Samarbejde", "Social kapital",
              "Tryghed og trivsel")
SEASON = (1.35, 1.3, 1.15, 0.95, 0.85, 0.8, 0.6, 0.8, 0.95, 1.05, 1.15, 1.25)  # winter colds, summer leave
FILE = "demo"


def _months(year: int, today: date) -> range:
    """Return the months of `year` that are over by `today` (this year's figures run to last month)."""
    return range(1, 13 if year < today.year else today.month)


def _sickness(rng: random.Random, key: str, years: tuple[int, int], today: date) -> list[FigureRow]:
    level = rng.uniform(0.04, 0.065)
    return [FigureRow(0, key, y, m, {"days": round(FTE[key] * working_days(y, m) * level * SEASON[m - 1]
                                                   * rng.uniform(0.8, 1.2), 1), "fte": FTE[key]})
            for y in years for m in _months(y, today)]


def _wellbeing(rng: random.Random, key: str, years: tuple[int, int], _today: date) -> list[FigureRow]:
    answers = max(2, round(FTE[key] * 0.82))
    return [FigureRow(0, key, y, None, {"score": round(rng.uniform(58, 82), 1), "responses": answers}, d)
            for y in years for d in DIMENSIONS]


def _risk(rng: random.Random, key: str, years: tuple[int, int], today: date) -> list[FigureRow]:
    rate = FTE[key] / 40
    return [FigureRow(0, key, y, m, {"reports": rng.choice((0, 0, 1, 1, 2, 3)) * round(rate + 0.5),
                                     "employees": round(FTE[key])})
            for y in years for m in _months(y, today)]


def _turnover(rng: random.Random, key: str, years: tuple[int, int], _today: date) -> list[FigureRow]:
    return [FigureRow(0, key, y, None, {"leavers": round(FTE[key] * 1.1 * rng.uniform(0.06, 0.16)),
                                        "headcount": round(FTE[key] * 1.1, 1)}) for y in years]


MAKERS = {"sickness": _sickness, "wellbeing": _wellbeing, "risk": _risk, "turnover": _turnover}


def load_demo_figures(session: Session, today: date) -> int:
    """Import last year's and this year's figures for the demo workplaces there are; return the rows."""
    there = set(session.scalars(select(Committee.key).where(Committee.key.in_(FTE))))
    years, written = (today.year - 1, today.year), 0
    for kind, make in MAKERS.items():
        rows = [row for key in sorted(there)
                for row in make(random.Random(f"{kind}-{key}"), key, years, today)]
        numbered = tuple(FigureRow(i + 2, r.workplace, r.year, r.month, r.values, r.dimension)
                         for i, r in enumerate(rows))
        figures = FiguresFile(FILE, kind, numbered)
        plan = plan_figures(session, figures)
        if plan.added or plan.changed or plan.removed:  # the same day's demo again: nothing to audit
            apply_figures(session, None, figures, plan, source="demo")
        session.rollback()  # end the read-only transaction the plan opened
        written += len(numbered)
    return written
