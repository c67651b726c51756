"""What makes a case a guideline, and one in force: the SQL the register and the visibility rule share.

The visibility rule's `WORKPLACE` grant (the guideline register's readers) asks whether a case is a
guideline in force; the register asks the same, so both read it here. Nothing here imports the
visibility service, which imports this.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import aliased

from medflow.persistence.models import Case, GuidelineChange

IN_FORCE, REPLACED, WITHDRAWN = "in_force", "replaced", "withdrawn"
OUTCOME = "guideline"


def is_guideline() -> ColumnElement[bool]:
    """Return the filter on `Case`: closed with the outcome guideline."""
    return Case.closed_at.is_not(None) & (Case.data["outcome"].as_string() == OUTCOME)


def standing() -> ColumnElement[str]:
    """Return a case's standing now: its newest change's status, in force when it has none.

    Its own alias of the changes, so a query that joins them too (the register) keeps its own.
    """
    change = aliased(GuidelineChange)
    newest = (select(change.status).where(change.case_id == Case.id).correlate_except(change)
              .order_by(change.id.desc()).limit(1).scalar_subquery())
    return func.coalesce(newest, IN_FORCE)


def in_force_guideline() -> ColumnElement[bool]:
    """Return the filter on `Case`: a guideline that is neither replaced nor withdrawn."""
    return is_guideline() & (standing() == IN_FORCE)
