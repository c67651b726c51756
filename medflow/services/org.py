"""Importing the organisation: idempotent, validated before anything is written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.org import OrgSpec
from medflow.persistence.models import Committee, Level, Membership, Person


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
        row.memberships = [
            Membership(committee=committees[key], role=role) for key, role in dict.fromkeys(p.roles)
        ]
        session.add(row)
        count(new)
    session.commit()
    return ImportResult(created, updated)
