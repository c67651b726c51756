"""Notifications and cascades as JSON (the keys are a contract, like the rest of the API)."""

from __future__ import annotations

from typing import Any

from medflow.notify import message
from medflow.persistence.models import Notification
from medflow.services.cascade_views import Received, Rollup, Row


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def notification_json(n: Notification, readable: bool = True) -> dict[str, Any]:
    """Return one notification with its text in the request's language (no title unless `readable`)."""
    return {"id": n.id, "kind": n.kind, "case_id": n.case_id,
            "case_title": n.case.title if n.case and readable else None, "meeting_id": n.meeting_id,
            "message": message(n.kind, n.data or {}), "created_at": _iso(n.created_at),
            "read": n.read_at is not None}


def _row_json(row: Row) -> dict[str, Any]:
    c = row.receipt.committee
    return {"committee": c.key, "name": c.name, "level": c.level.key, "case_id": row.receipt.case_id,
            "state": row.receipt.case.state, "overdue": row.overdue,
            "notes": [{"event": e.event, "note": e.comment, "at": _iso(e.created_at)} for e in row.notes]}


def cascade_json(cascade) -> dict[str, Any]:
    """Return what was published."""
    return {"id": cascade.id, "committee": cascade.committee.key, "kind": cascade.kind,
            "title": cascade.title, "body": cascade.body, "due_date": _iso(cascade.due_date),
            "internal": cascade.internal, "publisher": cascade.publisher.name,
            "created_at": _iso(cascade.created_at)}


def rollup_json(r: Rollup) -> dict[str, Any]:
    """Return the sender's roll-up: counts per level, then each committee with its notes."""
    return {**cascade_json(r.cascade),
            "levels": [vars(level) for level in r.levels],
            "committees": [_row_json(row) for row in r.rows],
            "overdue": [row.receipt.committee.key for row in r.rows if row.overdue],
            "cycle": _cycle_json(r.cycle)}


def _cycle_json(cycle) -> dict[str, Any] | None:
    """Return a published cycle item's status at each committee in the period that counts now."""
    if cycle is None or cycle.period is None:
        return None
    return {"title": cycle.source.title, "period_start": _iso(cycle.period.start),
            "period_end": _iso(cycle.period.end), "not_held": [s.item.committee.key for s in cycle.not_held],
            "committees": [{"committee": s.item.committee.key, "state": s.state,
                            "meeting_date": _iso(s.meeting.date) if s.meeting else None} for s in cycle.rows]}


def received_json(item: Received) -> dict[str, Any]:
    """Return one cascade as employees see it."""
    return {**cascade_json(item.cascade), "received_by": [_row_json(row) for row in item.rows]}
