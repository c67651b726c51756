"""Importing the organisation: idempotent, validated before anything is written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.org import OrgSpec
from medflow.persistence.models import Committee, Level, Membership, Person
from medflow.services.access import forget_roles
from medflow.services.tree import forget_trees


@dataclass(frozen=True)
class ImportResult:
    """Counts of what an import created and updated."""

    created: int
    updated: int


def _by_key(session: Session, model, column) -> dict:
    return {getattr(row, column): row for row in session.scalars(select(model))}


def _upsert(existing: dict, natural_key: str, factory, **values) -> tuple[object, bool]:
    row = existing.get(natural_key)
    created = row is None
    if created:
        row = existing[natural_key] = factory()
    for name, value in values.items():
        setattr(row, name, value)
    return row, created


def _set_roles(person: Person, roles: tuple[tuple[str, str], ...], committees: dict) -> None:
    """Keep the memberships that stay, drop the others, add the new ones.

    Replacing the whole list would insert a row equal to one not yet deleted (the unit of
    work inserts before it deletes) and break the unique (person, committee, role) constraint.
    """
    wanted = list(dict.fromkeys(roles))
    kept = [m for m in person.memberships if (m.committee.key, m.role) in wanted]
    have = {(m.committee.key, m.role) for m in kept}
    person.memberships = kept + [
        Membership(committee=committees[key], role=role) for key, role in wanted if (key, role) not in have
    ]


def import_org(session: Session, spec: OrgSpec) -> ImportResult:
    """Write levels, committees, people and roles; a second import updates, never duplicates."""
    levels = _by_key(session, Level, "key")
    committees = _by_key(session, Committee, "key")
    people = _by_key(session, Person, "email")
    created = updated = 0

    def count(was_created: bool) -> None:
        nonlocal created, updated
        created, updated = created + was_created, updated + (not was_created)

    for lv in spec.levels:
        row, new = _upsert(levels, lv.key, Level, key=lv.key, name=lv.name, rank=lv.rank)
        session.add(row)
        count(new)
    session.flush()
    for c in spec.committees:
        row, new = _upsert(committees, c.key, Committee, key=c.key, name=c.name,
                           level=levels[c.level], kind=c.kind, description=c.description)
        session.add(row)
        count(new)
    session.flush()
    for c in spec.committees:
        committees[c.key].parent_id = committees[c.parent].id if c.parent else None
    for p in spec.people:
        workplace = committees[p.workplace].id if p.workplace else None
        row, new = _upsert(people, p.email, Person, email=p.email, name=p.name,
                           workplace_id=workplace, is_admin=p.admin)
        _set_roles(row, p.roles, committees)
        session.add(row)
        count(new)
    session.commit()
    forget_trees()
    forget_roles(session)
    return ImportResult(created, updated)
