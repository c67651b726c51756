"""The case figures, counted from the case history (case_events) in SQL, grouped by quarter.

Each count is of cases, not of rows: a case resolved, reopened and resolved again in one quarter
counts once there (and once in the year). An event counts where it happened: at the committee that
held the case then (a submission at the committee it came to). The times run from a case's
submission to its first acceptance and first resolution, wherever those happened; the share at the
right level counts a case where it was submitted. Anonymised cases keep their history, so they count.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, select
from sqlalchemy.orm import Session, aliased

from medflow.domain.reports import CASE_FIGURES, quarter_bounds
from medflow.persistence.models import Case, CaseEvent, Committee
from medflow.services.reports.selection import Selection
from medflow.services.reports.sql import quarter, whole_days, within

# The history rows counted, under their own name: the visibility rule's EXISTS over case_events must
# not be correlated with them.
EV = aliased(CaseEvent, name="ev")
# Where an event happened: the committee that held the case (a submission has no "from").
PLACE = func.coalesce(EV.from_committee_id, EV.to_committee_id)


def _matches(event: str, by_person: bool | None) -> ColumnElement[bool]:
    """Return 'this history row is the figure's event' (by a person, by the system, or either)."""
    match = EV.event == event
    if by_person is None:
        return match
    return and_(match, EV.actor_id.is_not(None) if by_person else EV.actor_id.is_(None))


def _counts(sel: Selection, *group: ColumnElement) -> Select:
    """Return the statement counting each case figure's cases in the year, grouped by `group`."""
    bounds = quarter_bounds(sel.year)
    columns = [func.count(distinct(case((_matches(event, person), EV.case_id), else_=None))).label(key)
               for key, event, person in CASE_FIGURES]  # NULL where the row is another event: not counted
    return (select(*group, *columns).select_from(EV).join(Case, Case.id == EV.case_id)
            .where(within(EV.created_at, bounds), sel.cases(), sel.case_filter(), sel.place(PLACE))
            .group_by(*group))


def counts_by_quarter(session: Session, sel: Selection) -> dict[str, dict[int, int]]:
    """Return {figure: {quarter: cases}} for the year (quarters without rows left out)."""
    when = quarter(EV.created_at, quarter_bounds(sel.year)).label("quarter")
    found: dict[str, dict[int, int]] = {key: {} for key, _e, _p in CASE_FIGURES}
    for row in session.execute(_counts(sel, when)).mappings():
        for key in found:
            found[key][row["quarter"]] = row[key]
    return found


def counts_in_year(session: Session, sel: Selection) -> dict[str, int]:
    """Return {figure: cases} for the whole year (a case in two quarters counts once here)."""
    row = session.execute(_counts(sel)).mappings().one()
    return {key: row[key] for key, _e, _p in CASE_FIGURES}


def counts_by_level(session: Session, sel: Selection) -> dict[int, dict[str, int]]:
    """Return {level id: {figure: cases}} for the year: where in the tree the work was done."""
    where = aliased(Committee)
    statement = _counts(sel, where.level_id).join(where, where.id == PLACE)
    return {row["level_id"]: {key: row[key] for key, _e, _p in CASE_FIGURES}
            for row in session.execute(statement).mappings()}


def _firsts(event: str) -> Select:
    """Return a subquery of each case's first history row of `event` (ids grow with time)."""
    row = aliased(CaseEvent)  # its own name: the outer query reads case_events too
    return select(func.min(row.id).label("first_id")).where(row.event == event).group_by(row.case_id)


def days_to(session: Session, sel: Selection, event: str) -> dict[int, dict[int, int]]:
    """Return {quarter: {whole days from submission: cases}} for each case's first `event` in the year.

    A histogram, not a row per case: the statement returns at most the distinct day counts of each
    quarter, and the median and 90th percentile are read from it (domain.reports.quantile).
    """
    bounds = quarter_bounds(sel.year)
    first = _firsts(event).subquery()
    when = quarter(EV.created_at, bounds).label("quarter")
    days = whole_days(Case.created_at, EV.created_at).label("days")
    statement = (select(when, days, func.count().label("cases")).select_from(EV)
                 .join(first, first.c.first_id == EV.id).join(Case, Case.id == EV.case_id)
                 .where(within(EV.created_at, bounds), sel.cases(), sel.case_filter(), sel.place(PLACE))
                 .group_by(when, days))
    found: dict[int, dict[int, int]] = {}
    for q, d, n in session.execute(statement):
        found.setdefault(q, {})[d] = n
    return found


def right_level(session: Session, sel: Selection) -> dict[int, tuple[int, int]]:
    """Return {quarter: (cases resolved, of which at the level where they were submitted)}.

    Counted by each case's first resolution in the quarter, at the committee the case was submitted
    to (its first history row: a topic may send a case straight to the area or KommuneMED, so this is
    not always the submitter's workplace): the selection narrows by where cases came in, not by who
    answered them.
    """
    bounds = quarter_bounds(sel.year)
    first, submitted = _firsts("resolve").subquery(), aliased(CaseEvent)
    came_in, answered = aliased(Committee), aliased(Committee)
    when = quarter(EV.created_at, bounds).label("quarter")
    same = (came_in.level_id == answered.level_id).label("same")
    statement = (select(when, same, func.count().label("cases")).select_from(EV)
                 .join(first, first.c.first_id == EV.id).join(Case, Case.id == EV.case_id)
                 .join(submitted, and_(submitted.case_id == Case.id, submitted.seq == 1))
                 .join(came_in, came_in.id == submitted.to_committee_id).join(answered, answered.id == PLACE)
                 .where(within(EV.created_at, bounds), sel.cases(), sel.case_filter(),
                        sel.place(submitted.to_committee_id))
                 .group_by(when, same))
    found: dict[int, tuple[int, int]] = {}
    for q, is_same, n in session.execute(statement):
        total, here = found.get(q, (0, 0))
        found[q] = (total + n, here + (n if is_same else 0))
    return found
