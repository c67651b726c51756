"""Everything medflow holds about one person, as plain JSON-ready data (GDPR art. 15).

Rows are written out column by column from the models (so a column added later is exported
too), except secrets: the password hash and token hashes are never exported, only whether a
password is set and each token's prefix and dates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from medflow.persistence.base import utcnow
from medflow.persistence.models import (
    ApiToken,
    Cascade,
    Case,
    CaseEvent,
    Membership,
    Notification,
    OutboxMessage,
    Person,
)

FORMAT = "medflow-person-export/1"
SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def row(obj: Any) -> dict[str, Any]:
    """Return a model row's columns as JSON-ready values, leaving out secrets."""
    return {attr.key: _value(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs
            if attr.key not in SECRET_COLUMNS}


def _all(session: Session, query) -> list[dict[str, Any]]:
    return [row(obj) for obj in session.scalars(query)]


def _profile(person: Person) -> dict[str, Any]:
    return {**row(person), "has_password": bool(person.password_hash),
            "workplace": person.workplace.key if person.workplace else None}


def _cases(session: Session, person: Person) -> list[dict[str, Any]]:
    cases = session.scalars(select(Case).where(Case.submitter_id == person.id).order_by(Case.id))
    return [{**row(case), "holder": case.holder.key, "origin": case.origin.key,
             "action_items": [row(item) for item in case.action_items]} for case in cases]


def export_person(session: Session, person: Person) -> dict[str, Any]:
    """Return everything medflow holds about `person`: profile, roles, cases, history, mail."""
    memberships = session.scalars(select(Membership).where(Membership.person_id == person.id)
                                  .order_by(Membership.id))
    return {
        "format": FORMAT,
        "exported_at": utcnow().isoformat(),
        "person": _profile(person),
        "memberships": [{**row(m), "committee": m.committee.key, "committee_name": m.committee.name}
                        for m in memberships],
        "cases_submitted": _cases(session, person),
        "history": _all(session, select(CaseEvent).where(CaseEvent.actor_id == person.id)
                        .order_by(CaseEvent.id)),
        "notifications": _all(session, select(Notification).where(Notification.person_id == person.id)
                              .order_by(Notification.id)),
        "api_tokens": _all(session, select(ApiToken).where(ApiToken.person_id == person.id)
                           .order_by(ApiToken.id)),
        "cascades_published": _all(session, select(Cascade).where(Cascade.publisher_id == person.id)
                                   .order_by(Cascade.id)),
        "outbox": _all(session, select(OutboxMessage).where(OutboxMessage.recipient == person.email)
                       .order_by(OutboxMessage.id)),
    }
