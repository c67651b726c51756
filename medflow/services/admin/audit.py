"""The audit trail of organisation changes: written in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from medflow.persistence.models import AuditEntry, Committee, Person


def record(session: Session, actor: Person | None, action: str, target: str,
           before: dict[str, Any] | None, after: dict[str, Any] | None, *, source: str = "admin") -> AuditEntry:
    """Add one audit row (the caller commits it together with the change it describes)."""
    entry = AuditEntry(actor_id=actor.id if actor else None, action=action, target=target,
                       before=before, after=after, source=source)
    session.add(entry)
    return entry


def committee_facts(committee: Committee) -> dict[str, Any]:
    """Return what an audit row shows of a committee."""
    return {"key": committee.key, "name": committee.name, "level": committee.level.key,
            "parent": committee.parent.key if committee.parent else None,
            "cost_centre": committee.cost_centre,
            "closed": committee.closed_at is not None}


def person_facts(person: Person) -> dict[str, Any]:
    """Return what an audit row shows of a person (no password hash, no tokens)."""
    return {"email": person.email, "name": person.name,
            "workplace": person.workplace.key if person.workplace else None,
            "active": person.active, "admin": person.is_admin}


def entries(session: Session, *, page: int = 1, per_page: int = 50,
            action: str | None = None) -> tuple[list[AuditEntry], int]:
    """Return one page of audit rows, newest first, and how many there are in all."""
    query = select(AuditEntry)
    if action:
        query = query.where(AuditEntry.action == action)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.options(selectinload(AuditEntry.actor))
                           .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
                           .offset((page - 1) * per_page).limit(per_page)).all()
    return list(rows), total


def actions(session: Session) -> list[str]:
    """Return the kinds of change recorded so far (for the filter)."""
    return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def committee_names(session: Session) -> dict[str, str]:
    """Return every committee's name by key, so audit rows (which record keys) can name them."""
    return dict(session.execute(select(Committee.key, Committee.name)).all())
