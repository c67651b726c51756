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
    Attendance,
    Cascade,
    Case,
    CaseEvent,
    Membership,
    MinutesApproval,
    Notification,
    OutboxMessage,
    Person,
)
from medflow.services.visibility import fully_visible_ids

FORMAT = "medflow-person-export/1"
SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})
# What an administrator's copy leaves out of a case they may not read in full (the visibility
# rule's redacted view): the case's free text, and the text of rows about it.
CASE_TEXT = ("title", "description", "data")
ROW_TEXT = {"history": ("comment", "data"), "notifications": ("data",), "outbox": ("subject", "body", "html")}
REDACTED_NOTE = ("Exported by an administrator: cases the administrator may not read in full under "
                 "medflow's visibility rule (confidential cases) are redacted here, with their free "
                 "text left out. The person's own export holds their own text.")


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


def export_person(session: Session, person: Person, reader: Person | None = None) -> dict[str, Any]:
    """Return everything medflow holds about `person`: profile, roles, cases, history, mail.

    `reader` is who downloads it when that is not the person (an administrator): cases the reader
    may not read in full are redacted by the one visibility rule, and the file says so.
    """
    export = _export(session, person)
    if reader is None or reader.id == person.id:
        return export
    return _redacted(session, export, reader)


def _redacted(session: Session, export: dict[str, Any], reader: Person) -> dict[str, Any]:
    """Blank the free text of every case `reader` may not read in full, and of the rows about it."""
    rows = [r for key in ("cases_submitted", *ROW_TEXT) for r in export[key]]
    ids = {r.get("case_id", r.get("id")) for r in rows}
    readable = fully_visible_ids(session, reader, ids)
    for case in export["cases_submitted"]:
        if case["id"] not in readable:
            case.update({**dict.fromkeys(CASE_TEXT), "redacted": True, "action_items": []})
    for key, columns in ROW_TEXT.items():
        for r in export[key]:
            if r.get("case_id") is not None and r["case_id"] not in readable:
                r.update({**dict.fromkeys(columns), "redacted": True})
    return {**export, "redacted_for": reader.email, "note": REDACTED_NOTE}


def _export(session: Session, person: Person) -> dict[str, Any]:
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
        "meeting_attendance": _all(session, select(Attendance).where(Attendance.person_id == person.id)
                                   .order_by(Attendance.id)),
        "minutes_approvals": _all(session, select(MinutesApproval).where(MinutesApproval.person_id == person.id)
                                  .order_by(MinutesApproval.id)),
    }
