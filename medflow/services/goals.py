"""Setting and following up a committee's goals (the annual discussion's and the strategy plan's alike).

Officers of the committee (chair, vice chair, secretary) set goals and record how they went; every
change of status is kept as a dated note, so next year's discussion can open with the history.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, NotAllowed, _
from medflow.persistence.goals import GOAL_STATUSES, Goal, GoalNote
from medflow.persistence.models import Committee, Person
from medflow.services.access import roles_in

OFFICER_ROLES = frozenset({"chair", "vice_chair", "secretary"})
MAX_TEXT = 2000


def require_goal_keeper(session: Session, person: Person, committee: Committee) -> None:
    """Refuse anyone but an admin or an officer of `committee`: goals speak for the committee."""
    if not person.is_admin and roles_in(session, person, {committee.id}).isdisjoint(OFFICER_ROLES):
        raise NotAllowed(_("Only the committee's chair or secretary may change its goals."))


def set_goal(session: Session, person: Person, committee: Committee, text: str, *, year: int | None = None,
             owner: Person | None = None, due_on: date | None = None) -> Goal:
    """Add a goal to `committee` (not committed: the caller's form or minutes owns the transaction)."""
    require_goal_keeper(session, person, committee)
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        raise Invalid(_("text: write the goal in 1 to %(n)s characters."), n=MAX_TEXT)
    goal = Goal(committee=committee, text=text, year=year, owner=owner, due_on=due_on, status="open")
    goal.notes.append(GoalNote(status="open", note="", by_id=person.id))
    session.add(goal)
    return goal


def follow_up(session: Session, person: Person, goal: Goal, status: str, note: str = "") -> GoalNote:
    """Record how `goal` went (or that it is dropped), with a dated note; the old notes stay."""
    require_goal_keeper(session, person, goal.committee)
    if status not in GOAL_STATUSES:
        raise Invalid(_("status: choose one of %(choices)s."), choices=", ".join(GOAL_STATUSES))
    goal.status = status
    entry = GoalNote(status=status, note=(note or "").strip()[:MAX_TEXT], by_id=person.id)
    goal.notes.append(entry)
    return entry


def goals_of(session: Session, committee: Committee, year: int | None = None) -> list[Goal]:
    """Return the committee's goals (those one annual discussion set, when `year` is given), oldest first."""
    query = select(Goal).where(Goal.committee_id == committee.id).order_by(Goal.id)
    if year is not None:
        query = query.where(Goal.year == year)
    return list(session.scalars(query))
