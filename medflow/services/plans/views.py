"""What the plan page shows: the plan, its timeline figures, and each initiative's links for this reader.

Links go through the one visibility rule: a linked case is shown by title only to those who may
read it in full (others see that a case is linked, not what it is called); a meeting item only to
members of the meeting's committee; a cascade to those the plan's readership allows, its roll-up
only to the committee that sent it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from medflow.domain.plan_periods import parse
from medflow.domain.plan_timeline import Timeline, is_overdue, timeline
from medflow.persistence.models import Cascade, Case, Meeting, MeetingItem, Membership, Person
from medflow.persistence.plans import Initiative, InitiativeLink, Plan, PlanSubject
from medflow.services.plans.access import readable_committee_ids
from medflow.services.visibility import fully_visible_ids, visible_to

LABEL_MAX = 44


@dataclass(frozen=True)
class Link:
    """One thing an initiative is linked to, as this reader may see it (title None: not for them)."""

    kind: str  # case | cascade | meeting_item
    target_id: int
    title: str | None
    url_id: int | None  # the case, cascade or meeting to link to, when the reader may open it


@dataclass
class PlanView:
    """A plan with its timeline, which initiatives are overdue and who may change it."""

    plan: Plan
    timeline: Timeline
    overdue: set[int] = field(default_factory=set)
    numbers: dict[int, str] = field(default_factory=dict)


def load_plan(session: Session, plan_id: int) -> Plan | None:
    """Return a plan with its subjects, goals, initiatives and notes loaded."""
    return session.scalar(
        select(Plan)
        .where(Plan.id == plan_id)
        .options(
            selectinload(Plan.subjects).selectinload(PlanSubject.goals),
            selectinload(Plan.subjects).selectinload(PlanSubject.initiatives).selectinload(Initiative.notes),
        )
    )


def _label(number: str, text: str) -> str:
    short = text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"
    return f"{number} {short}"


def plan_view(plan: Plan, today: date) -> PlanView:
    """Number the initiatives (subject.initiative), lay them out by quarter and mark the overdue ones."""
    numbers, items, overdue = {}, [], set()
    for subject in plan.subjects:
        for initiative in subject.initiatives:
            number = f"{subject.position}.{initiative.position}"
            numbers[initiative.id] = number
            periods = [parse(t) for t in initiative.period_texts]
            items.append((_label(number, initiative.text), initiative.id, initiative.status, periods))
            if is_overdue(initiative.status, periods, today, plan.years):
                overdue.add(initiative.id)
    return PlanView(plan, timeline(items, plan.years, today), overdue, numbers)


def _case_links(session: Session, person: Person, links: list[InitiativeLink]) -> list[Link]:
    ids = [k.case_id for k in links if k.case_id]
    readable = fully_visible_ids(session, person, ids)
    cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(ids)))} if ids else {}
    return [
        Link("case", i, cases[i].title if i in readable else None, i if i in readable else None)
        for i in ids
        if i in cases
    ]


def _item_links(session: Session, person: Person, links: list[InitiativeLink]) -> list[Link]:
    ids = [k.meeting_item_id for k in links if k.meeting_item_id]
    if not ids:
        return []
    mine = set(session.scalars(select(Membership.committee_id).where(Membership.person_id == person.id)))
    rows = session.execute(select(MeetingItem, Meeting).join(Meeting).where(MeetingItem.id.in_(ids))).all()
    readable = fully_visible_ids(session, person, [item.case_id for item, _ in rows])
    found = []
    for item, meeting in rows:
        member = person.is_admin or meeting.committee_id in mine
        shown = member and (item.case_id is None or item.case_id in readable)
        found.append(
            Link("meeting_item", item.id, item.title if shown else None, meeting.id if member else None)
        )
    return found


def _cascade_links(session: Session, person: Person, links: list[InitiativeLink]) -> list[Link]:
    ids = [k.cascade_id for k in links if k.cascade_id]
    if not ids:
        return []
    readable = readable_committee_ids(session, person)
    mine = set(session.scalars(select(Membership.committee_id).where(Membership.person_id == person.id)))
    found = []
    for cascade in session.scalars(select(Cascade).where(Cascade.id.in_(ids))):
        sender = person.is_admin or cascade.committee_id in mine
        shown = sender or (cascade.committee_id in readable and not cascade.internal)
        found.append(
            Link("cascade", cascade.id, cascade.title if shown else None, cascade.id if sender else None)
        )
    return found


def links_for(session: Session, person: Person, initiative: Initiative) -> list[Link]:
    """Return the initiative's links as `person` may see them: cases, cascades, then meeting items."""
    links = list(initiative.links)
    return [
        *_case_links(session, person, links),
        *_cascade_links(session, person, links),
        *_item_links(session, person, links),
    ]


def tagged_counts(session: Session, person: Person, plan: Plan) -> dict[int, int]:
    """Count, per subject, the cases tagged with it that `person` sees (the one visibility rule)."""
    ids = [s.id for s in plan.subjects]
    if not ids:
        return {}
    query = (select(Case.focus_area_id, func.count()).where(Case.focus_area_id.in_(ids), visible_to(person))
             .group_by(Case.focus_area_id))
    return {subject_id: count for subject_id, count in session.execute(query)}
