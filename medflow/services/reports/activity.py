"""Beside the case history: cascades sent down, meetings and annual discussions held, what is overdue now.

Cascades, meetings and annual discussions are a committee's own business, so they count for the
committees the reader sits on (every committee for an administrator). They have no topic or focus
area: narrowed to one, the report leaves them out rather than count them under it. The suggestions
on the new-case form belong to no committee: they are counted kommune-wide, whatever the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from medflow.domain.reports import quarter_bounds, quarter_starts
from medflow.persistence.models import AnnualPack, Cascade, CascadeReceipt, Case, Meeting, SuggestionShow
from medflow.services.answers.suggestions import SHOWN_AN_ANSWER, SuggestionFigures
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


def annual_discussions(session: Session, sel: Selection, today: date) -> dict[int, int]:
    """Return {quarter: committees that held an annual work-environment discussion}.

    Held means the pack was frozen by the approval of the minutes that carried it, in that quarter
    (the kommune's quarters: the moment of approval). A discussion of last year held late counts in the
    quarter it was held, so each quarter counts discussions held, and the year adds them up. `today`
    is not needed: an approval is never in the future.
    """
    bounds = quarter_bounds(sel.year)
    when = quarter(AnnualPack.frozen_at, bounds).label("quarter")
    statement = (select(when, func.count(distinct(AnnualPack.committee_id))).where(
        AnnualPack.frozen_at.is_not(None), within(AnnualPack.frozen_at, bounds),
        sel.place(AnnualPack.committee_id), sel.own_committees(AnnualPack.committee_id)).group_by(when))
    return {q: n for q, n in session.execute(statement)}


# One function per row of the activity table, in ACTIVITY_FIGURES' order (domain.reports).
ACTIVITY_ROWS: dict[str, Callable[[Session, Selection, date], dict[int, int]]] = {
    "meetings_held": meetings_held,
    "annual_discussions": annual_discussions,
}


def overdue_now(session: Session, sel: Selection, now: datetime) -> int:
    """Return how many open cases in the selection are past their state's deadline at `now`."""
    return session.scalar(select(func.count()).select_from(Case).where(
        Case.closed_at.is_(None), Case.state_due_at.is_not(None), Case.state_due_at < now,
        sel.cases(), sel.case_filter(), sel.place(Case.holder_id))) or 0


def suggestions(session: Session, sel: Selection) -> dict[int, SuggestionFigures]:
    """Return {quarter: forms shown a shared answer, and how many sent a case anyway}, kommune-wide.

    A form belongs to no committee until its case is sent (and one never sent belongs to none), so no
    committee, level, topic or focus area narrows this figure; counted by the quarter it was shown.
    """
    bounds = quarter_bounds(sel.year)
    when = quarter(SuggestionShow.shown_at, bounds).label("quarter")
    statement = (select(when, func.count(), func.count(SuggestionShow.sent_at))
                 .where(SHOWN_AN_ANSWER, within(SuggestionShow.shown_at, bounds)).group_by(when))
    return {q: SuggestionFigures(shown, sent) for q, shown, sent in session.execute(statement)}
