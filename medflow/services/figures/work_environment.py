"""Work-environment figures from medflow's own cases: incidents by category, action items, APV status.

For a committee and a year: per unit (the committee's total first, then each unit below it, each
covering everything under it) the work-environment cases submitted in the year (the kommune's
year) by category, the action-plan items due in the year as done, open or overdue today, and the
APV status (the latest case on the `apv` topic: when it was submitted, its state, its items done).
Counts only: no title or text of any case is read here, so confidential cases count too without
anything of them being shown. A unit with fewer than five active people is shown only inside the
total above (`domain.figures.hidden`, as the imported key figures).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from medflow.domain import figures as fig
from medflow.domain.action_items import STATUSES, status
from medflow.domain.calendar import local_date, start_of_day
from medflow.persistence.models import Case, Committee
from medflow.services.figures.report import _Units

WORKFLOW = "work_environment"
APV_TOPIC = "apv"
CATEGORIES = ("accident", "near_miss", "violence_threat", "physical", "psychosocial")
MEASURES = (*CATEGORIES, *(f"items_{s}" for s in STATUSES))


@dataclass
class UnitCounts:
    """One row: a unit's counts by measure, its APV status, and whether it is hidden (too few people)."""

    key: str
    name: str
    people: int
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    apv: dict | None = None  # {"submitted_on", "state", "items", "items_done"} of the latest APV case
    hidden: bool = False

    def as_json(self) -> dict:
        """Return the row as plain values; a hidden row carries no numbers at all."""
        if self.hidden:
            return {"key": self.key, "name": self.name, "hidden": True, "counts": None, "apv": None}
        return {"key": self.key, "name": self.name, "hidden": False, "counts": dict(self.counts),
                "apv": self.apv}


def _cases(session: Session, ids: set[int]) -> list[Case]:
    """Every work-environment case raised at these committees, with its action items."""
    return list(session.scalars(select(Case).where(Case.workflow == WORKFLOW, Case.origin_id.in_(ids))
                                .options(selectinload(Case.action_items))))


def _count(row: UnitCounts, cases: list[Case], year: int, today: date) -> None:
    start, end = start_of_day(date(year, 1, 1)), start_of_day(date(year + 1, 1, 1))
    latest_apv = None
    for case in cases:
        category = (case.data or {}).get("category")
        if start <= case.created_at < end and category in CATEGORIES:
            row.counts[category] += 1
        for item in case.action_items:
            if item.due_date.year == year:
                row.counts[f"items_{status(item.due_date, item.done_on, today)}"] += 1
        if case.topic == APV_TOPIC and case.created_at < end and (
                latest_apv is None or case.created_at > latest_apv.created_at):
            latest_apv = case
    if latest_apv is not None:
        row.apv = {"case_id": latest_apv.id, "submitted_on": local_date(latest_apv.created_at).isoformat(),
                   "state": latest_apv.state, "items": len(latest_apv.action_items),
                   "items_done": sum(i.done_on is not None for i in latest_apv.action_items)}


def work_environment_counts(session: Session, committee: Committee, year: int, today: date) -> list[dict]:
    """Return the committee's row, then one per unit below it, with small units hidden."""
    units = _Units(session, committee)
    cases = _cases(session, units.all_ids)
    rows = []
    for unit in [committee, *units.units]:
        cover = units.cover[unit.id]
        row = UnitCounts(unit.key, unit.name, sum(units.people.get(c, 0) for c in cover))
        _count(row, [c for c in cases if c.origin_id in cover], year, today)
        rows.append(row)
    own = units.people.get(committee.id, 0)
    hide = fig.hidden([fig.Total(base=r.people) for r in rows[1:]], fig.Total(base=own) if own else None)
    for i in hide:
        rows[i + 1].hidden = True
    return [r.as_json() for r in rows]
