"""Read-only queries: the committee tree, inboxes and a person's own cases."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from medflow.domain.policy import CONFIDENTIAL_ROLES
from medflow.persistence.models import Case, Committee, Level, Membership, Person


@dataclass(frozen=True)
class Page:
    """One page of a list and the total across all pages."""

    items: list
    total: int


def all_committees(session: Session) -> list[Committee]:
    """Return every committee, top level first, then by name."""
    return list(session.scalars(
        select(Committee).join(Level).options(selectinload(Committee.level))
        .order_by(Level.rank, Committee.name)
    ))


def committee_roles(session: Session, person: Person, committee: Committee) -> set[str]:
    """Return the roles `person` holds in `committee`."""
    return set(session.scalars(select(Membership.role).where(
        Membership.person_id == person.id, Membership.committee_id == committee.id)))


def may_read_inbox(session: Session, person: Person, committee: Committee) -> bool:
    """Tell whether `person` may list the cases `committee` holds."""
    return person.is_admin or bool(committee_roles(session, person, committee))


def _inbox_query(session: Session, person: Person, committee: Committee) -> Select:
    query = select(Case).where(Case.holder_id == committee.id)
    if not person.is_admin and committee_roles(session, person, committee).isdisjoint(
        CONFIDENTIAL_ROLES
    ):
        query = query.where(or_(Case.confidential.is_(False), Case.submitter_id == person.id))
    return query


def committee_cases(
    session: Session, person: Person, committee: Committee, *, state: str | None, page: int,
    size: int, workflow: str | None = None,
) -> Page:
    """Return a page of the cases `committee` holds, newest first."""
    query = _inbox_query(session, person, committee)
    if state:
        query = query.where(Case.state == state)
    if workflow:
        query = query.where(Case.workflow == workflow)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(
        query.order_by(Case.created_at.desc(), Case.id.desc()).limit(size).offset((page - 1) * size)
    )
    return Page(list(items), total)


def my_cases(session: Session, person: Person) -> list[Case]:
    """Return the cases `person` submitted, most recently changed first."""
    return list(session.scalars(
        select(Case).where(Case.submitter_id == person.id).order_by(Case.updated_at.desc())
    ))
