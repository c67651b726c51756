"""Beside the case history: cascades sent down and meetings held by quarter, and what is overdue now.

Cascades and meetings are a committee's own business, so they count for the committees the reader
sits on (every committee for an administrator). They have no topic: narrowed to a topic, the report
leaves them out rather than count them under it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from medflow.domain.reports import quarter_bounds, quarter_starts
from medflow.persistence.models import Cascade, CascadeReceipt, Case, Meeting
from medflow.services.reports.selection import Selection
from medflow.services.reports.sql import quarter, within

REPORTED_BACK = "reported_back"  # the cascade workflow's last state


def cascades(session: Session, sel: Selection) -> dict[int, tuple[int, int, int]]:
    """Return {quarter: (cascades published, units asked, units that reported back)} by publishing date."""
    bounds = quarter_bounds(sel.year)
    when = quarter(Cascade.created_at, bounds).label("quarter")
    statement = (select(when, func.count(distinct(Cascade.id)), func.count(CascadeReceipt.id),
                        func.count(case((Case.state == REPORTED_BACK, CascadeReceipt.id), else_=None)))
                 .select_from(Cascade).outerjoin(CascadeReceipt, CascadeReceipt.cascade_id == Cascade.id)
                 .outerjoin(Case, Case.id == CascadeReceipt.case_id)
                 .where(within(Cascade.created_at, bounds), sel.place(Cascade.committee_id),
                        sel.own_committees(Cascade.committee_id))
                 .group_by(when))
    return {q: (sent, asked, back) for q, sent, asked, back in session.execute(statement)}


def meetings_held(session: Session, sel: Selection, today: date) -> dict[int, int]:
    """Return {quarter: meetings held}: not cancelled, and on a day that has come (today included)."""
    starts = quarter_starts(sel.year)
    when = quarter(Meeting.date, starts).label("quarter")
    statement = (select(when, func.count()).where(
        within(Meeting.date, starts), Meeting.date <= today, Meeting.status != "cancelled",
        sel.place(Meeting.committee_id), sel.own_committees(Meeting.committee_id)).group_by(when))
    return {q: n for q, n in session.execute(statement)}


# One function per row of the activity table, in ACTIVITY_FIGURES' order (domain.reports): the
# annual pack adds its "annual discussions held" here, with the same signature.
ACTIVITY_ROWS: dict[str, Callable[[Session, Selection, date], dict[int, int]]] = {
    "meetings_held": meetings_held,
}


def overdue_now(session: Session, sel: Selection, now: datetime) -> int:
    """Return how many open cases in the selection are past their state's deadline at `now`."""
    return session.scalar(select(func.count()).select_from(Case).where(
        Case.closed_at.is_(None), Case.state_due_at.is_not(None), Case.state_due_at < now,
        sel.cases(), sel.topic_filter(), sel.place(Case.holder_id))) or 0
