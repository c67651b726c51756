"""Importing the organisation: idempotent, validated before anything is written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from medflow.domain.org import OrgSpec
from medflow.domain.org_changes import LevelChanges, StoredLevel, level_changes
from medflow.persistence.models import Case, CaseEvent, Committee, Level
from medflow.services.access import forget_roles
from medflow.services.people.org_people import write_people
from medflow.services.tree import forget_trees


@dataclass(frozen=True)
class ImportResult:
    """Counts of what an import created and updated, and the level changes it applied."""

    created: int
    updated: int
    level_changes: tuple[str, ...] = ()


def _used_committees(session: Session) -> set[int]:
    """Return the ids of every committee that holds, started or ever received a case."""
    held = select(Case.holder_id).union(select(Case.origin_id), select(CaseEvent.to_committee_id))
    return set(session.scalars(held))


def check_levels(session: Session, spec: OrgSpec, levels: dict, committees: dict) -> list[str]:
    """Return how `spec` would change the stored levels' meaning (see domain.org_changes)."""
    used = _used_committees(session)
    used_levels = {c.level_id for c in committees.values() if c.id in used}
    stored = [StoredLevel(lv.key, lv.rank, lv.id in used_levels) for lv in levels.values()]
    return level_changes(stored, {k: c.level.key for k, c in committees.items()},
                         {k for k, c in committees.items() if c.id in used}, spec)


def _by_key(session: Session, model, column, *options) -> dict:
    return {getattr(row, column): row for row in session.scalars(select(model).options(*options))}


def _upsert(existing: dict, natural_key: str, factory, keep: bool = False, **values) -> tuple[object, bool]:
    """Return the row for `natural_key`, made if missing; an existing one is updated unless `keep`."""
    row = existing.get(natural_key)
    created = row is None
    if created:
        row = existing[natural_key] = factory()
    if created or not keep:
        for name, value in values.items():
            setattr(row, name, value)
    return row, created


def import_org(session: Session, spec: OrgSpec, *, allow_level_changes: bool = False,
               keep_existing: bool = False) -> ImportResult:
    """Write levels, committees, people and roles; a second import updates, never duplicates.

    An import that re-orders the stored levels or changes levels cases use raises LevelChanges
    (nothing written) unless `allow_level_changes`; the result then lists what changed.
    `keep_existing` only adds what is missing (the demo run again): whatever an administrator
    changed since — a name, a parent, a role given or taken away — stays as they left it.
    """
    levels = _by_key(session, Level, "key")
    committees = _by_key(session, Committee, "key", selectinload(Committee.level))
    changes = check_levels(session, spec, levels, committees)
    if changes and not allow_level_changes:
        session.rollback()
        raise LevelChanges(changes)
    created = updated = 0

    def count(was_created: bool) -> None:
        nonlocal created, updated
        created, updated = created + was_created, updated + (not was_created)

    for lv in spec.levels:
        row, new = _upsert(levels, lv.key, Level, keep_existing, key=lv.key, name=lv.name, rank=lv.rank)
        session.add(row)
        count(new)
    session.flush()
    made = set()
    for c in spec.committees:
        made |= {c.key} if c.key not in committees else set()
        row, new = _upsert(committees, c.key, Committee, keep_existing, key=c.key, name=c.name,
                           level=levels[c.level], kind=c.kind, description=c.description)
        session.add(row)
        count(new)
    session.flush()
    for c in spec.committees:
        # A closed committee stays detached from the tree; a kept one stays where an admin put it.
        if committees[c.key].closed_at is None and (not keep_existing or c.key in made):
            committees[c.key].parent_id = committees[c.parent].id if c.parent else None
    session.flush()
    new_people, known_people = write_people(session, spec.people, {k: c.id for k, c in committees.items()},
                                            keep_existing=keep_existing)
    session.commit()
    forget_trees()
    forget_roles(session)
    return ImportResult(created + new_people, updated + known_people, tuple(changes))
