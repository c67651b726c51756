"""Reading the cycle: each item's status in its period (planned on a meeting, held, overdue) and the agenda.

An item is held in a period when it is on a meeting of that period (not cancelled) whose day has
passed; planned when that meeting is still to come; overdue when the period ended without either.
A period that ended before the item was added is history, not a failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain import cycle as rules
from medflow.persistence.models import CycleItem, Meeting, MeetingItem

HELD, PLANNED, OVERDUE, DUE, BEFORE = "held", "planned", "overdue", "due", "before"


def recurrence_of(item: CycleItem) -> rules.Recurrence:
    """Return a stored item's recurrence (stored values were checked when written)."""
    return rules.Recurrence(item.kind, item.month, item.quarter, item.every_years, item.start_year)


def active_items(session: Session, committee_id: int) -> list[CycleItem]:
    """Return a committee's active cycle items, oldest first."""
    return list(session.scalars(select(CycleItem).where(CycleItem.committee_id == committee_id,
                                                        CycleItem.active.is_(True)).order_by(CycleItem.id)))


@dataclass
class Status:
    """One item in one period, and the meeting that holds it (if any)."""

    item: CycleItem
    period: rules.Period | None
    state: str
    meeting: Meeting | None = None


def meetings_holding(session: Session, item_ids: list[int], start: date, end: date) -> dict[int, list[Meeting]]:
    """Return, per item, the meetings from `start` to `end` (not cancelled) that have it on their agenda."""
    found: dict[int, list[Meeting]] = {i: [] for i in item_ids}
    if not item_ids:
        return found
    rows = session.execute(select(MeetingItem.cycle_item_id, Meeting).join(Meeting).where(
        MeetingItem.cycle_item_id.in_(item_ids), Meeting.date >= start, Meeting.date <= end,
        Meeting.status != "cancelled").order_by(Meeting.date, Meeting.id)).all()
    for item_id, meeting in rows:
        found[item_id].append(meeting)
    return found


def status_in(item: CycleItem, period: rules.Period, meetings: list[Meeting], today: date) -> Status:
    """Return the item's status in one period, given the meetings that hold it then."""
    inside = [m for m in meetings if m.date in period]
    held = [m for m in inside if m.date < today]  # a meeting today is held once the day is over
    if held:
        return Status(item, period, HELD, held[-1])
    if inside:
        return Status(item, period, PLANNED, inside[0])
    if period.end < today:
        return Status(item, period, OVERDUE if item.created_at.date() <= period.end else BEFORE)
    return Status(item, period, DUE)


def year_view(session: Session, committee_id: int, year: int,
              today: date) -> tuple[list[Status], list[CycleItem]]:
    """Return the year's items by period (soonest first) and the items on every meeting."""
    items = active_items(session, committee_id)
    held = meetings_holding(session, [i.id for i in items], date(year, 1, 1), date(year, 12, 31))
    rows, every = [], []
    for item in items:
        rec = recurrence_of(item)
        if rec.kind == "meeting":
            every.append(item)
        else:
            rows.extend(status_in(item, period, held[item.id], today) for period in rules.periods_in(rec, year))
    rows.sort(key=lambda s: (s.period.start, s.item.placed_month or 0, s.item.title))  # the year in order
    return rows, every


def due_on(session: Session, committee_id: int, day: date) -> list[MeetingItem]:
    """Return the agenda items a new meeting on `day` gets from the cycle.

    Those due in its period and not on another meeting of that period already; with a template,
    the minutes start from the template's sections.
    """
    items = active_items(session, committee_id)
    held = meetings_holding(session, [i.id for i in items], date(day.year, 1, 1), date(day.year, 12, 31))
    result = []
    for item in items:
        rec = recurrence_of(item)
        period = rules.lands_on(rec, day, item.placed_month)
        if rec.kind == "meeting" or (period is not None and not [m for m in held[item.id] if m.date in period]):
            result.append(MeetingItem(kind="free", title=item.title, text=item.text, cycle_item_id=item.id,
                                      minutes=rules.minutes_from(item.template)))
    return result
