"""Who reads and who keeps a committee's strategy plan.

Everyone reads the plans of their own committees (where they hold a role or work) and of every
committee above them: a plan from above is what those below work towards. The committee's
officers (chair, vice chair, secretary) and admins keep it. Someone who may not read a plan gets
404, as on meetings: whether a committee has a plan is not theirs to know.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import NotAllowed, Unknown, _
from medflow.persistence.models import Committee, Membership, Person
from medflow.persistence.plans import Plan

OFFICERS = frozenset({"chair", "vice_chair", "secretary"})


def readable_committee_ids(session: Session, person: Person) -> set[int]:
    """Return the ids of the person's committees and of every committee above them."""
    own = set(session.scalars(select(Membership.committee_id).where(Membership.person_id == person.id)))
    if person.workplace_id:
        own.add(person.workplace_id)
    parents = {row.id: row.parent_id for row in session.execute(select(Committee.id, Committee.parent_id))}
    found: set[int] = set()
    for committee_id in own:
        while committee_id is not None and committee_id not in found:
            found.add(committee_id)
            committee_id = parents.get(committee_id)
    return found


def may_read(session: Session, person: Person, committee: Committee) -> bool:
    """Say whether the person may read the committee's plan."""
    return person.is_admin or committee.id in readable_committee_ids(session, person)


def may_keep(session: Session, person: Person, committee: Committee) -> bool:
    """Say whether the person may change the committee's plan (its officers and admins)."""
    roles = set(
        session.scalars(
            select(Membership.role).where(
                Membership.person_id == person.id, Membership.committee_id == committee.id
            )
        )
    )
    return person.is_admin or bool(roles & OFFICERS)


def require_keeper(session: Session, person: Person, committee: Committee) -> None:
    """Refuse anyone but the committee's officers and admins."""
    if not may_keep(session, person, committee):
        raise NotAllowed(_("Only the committee's chair, vice chair or secretary may change its strategy plan."))


def readable_committee(session: Session, person: Person, key: str) -> Committee:
    """Return the committee whose plan the person may read, or raise Unknown."""
    committee = session.scalar(select(Committee).where(Committee.key == key))
    if committee is None or not may_read(session, person, committee):
        raise Unknown(_("Committee %(key)s was not found."), key=key)
    return committee


def current_plan(session: Session, committee: Committee) -> Plan | None:
    """Return the committee's plan imported or written last."""
    return session.scalars(
        select(Plan).where(Plan.committee_id == committee.id).order_by(Plan.id.desc()).limit(1)
    ).first()


def readable_plans(session: Session, person: Person) -> list[Plan]:
    """Return the plans the person may read: their own committees' and those above, newest first."""
    query = select(Plan).join(Committee).order_by(Committee.name, Plan.id.desc())
    if not person.is_admin:
        query = query.where(Plan.committee_id.in_(readable_committee_ids(session, person)))
    return list(session.scalars(query))


def kept_committees(session: Session, person: Person) -> list[Committee]:
    """Return the committees whose plans the person keeps as an officer (an admin's own too, not all)."""
    return list(
        session.scalars(
            select(Committee)
            .join(Membership)
            .where(Membership.person_id == person.id, Membership.role.in_(sorted(OFFICERS)))
            .distinct()
            .order_by(Committee.name)
        )
    )
