"""What the admin pages list: committees, people, memberships and a person's cases."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from medflow.persistence.models import Case, Committee, Level, Membership, Person


def all_committees(session: Session) -> list[Committee]:
    """Return every committee, open ones first, by name."""
    return list(session.scalars(select(Committee).options(selectinload(Committee.level))
                                .order_by(Committee.closed_at.is_not(None), Committee.name)))


def open_committees(session: Session) -> list[Committee]:
    """Return the open committees by name (for choosing a workplace or parent)."""
    query = select(Committee).where(Committee.closed_at.is_(None)).order_by(Committee.name)
    return list(session.scalars(query))


def levels(session: Session) -> list[Level]:
    """Return the levels, top first."""
    return list(session.scalars(select(Level).order_by(Level.rank)))


def memberships(session: Session, committee: Committee) -> list[Membership]:
    """Return a committee's roles, by person."""
    return list(session.scalars(select(Membership).join(Person).where(Membership.committee_id == committee.id)
                                .order_by(Person.name, Membership.role)))


def active_people(session: Session) -> list[Person]:
    """Return everyone who may hold a role."""
    return list(session.scalars(select(Person).where(Person.active.is_(True)).order_by(Person.name)))


def find_people(session: Session, q: str, limit: int = 50) -> list[Person]:
    """Return people whose name or e-mail contains `q`, active first."""
    query = select(Person).order_by(Person.active.desc(), Person.name).limit(limit)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(or_(func.lower(Person.name).like(like), Person.email.like(like)))
    return list(session.scalars(query))


def submitted_by(session: Session, person: Person) -> list[Case]:
    """Return the cases a person submitted, newest first."""
    return list(session.scalars(select(Case).where(Case.submitter_id == person.id).order_by(Case.id.desc())))
