"""Retention: a closed case is anonymised once it has been closed for RETENTION_DAYS.

What goes: the submitter (on the case, as the actor of their own history rows, and their
notifications about it) and every free text: title, description, comments, answers and the
free-text fields in the case's data, its history rows' data, its notifications' data and its
action-plan items. What stays, for statistics: workflow, topic, state, committees, dates,
confidentiality and the structured fields (`KEPT_DATA`). The case's history records it as an
`anonymise` row from the system with the same state and holder, so replaying the history still
gives the case's state. Employee cases only (cascade cases are the committees' own publications).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.domain.errors import MedflowError
from medflow.persistence.models import (
    ActionItem,
    Case,
    CaseEvent,
    GuidelineChange,
    HistoryUnlock,
    MeetingItem,
    Notification,
    OutboxMessage,
)
from medflow.persistence.search import forget_case
from medflow.services.system_changes import anonymise_case

RETENTION_DAYS = 1826  # five years
# Keys of case, history and notification data that are no free text and are kept.
KEPT_DATA = frozenset({
    "outcome", "risk_level", "category", "deadlines", "due_date", "meeting_date", "target", "kind",
    "cascade_id", "rule", "state", "deadline_days", "deadline_workdays", "retention_days", "committee",
    "event", "date", "due", "count",
})
ITEM_TEXT = ("problem", "solution", "owner", "effect_check")
# Every text column of a row that hangs on a case, by table: what `scrub` empties (free text copied
# from the case or written about it) and what it keeps (keys, states, ids). A test reads the schema
# and fails on a text column of a table with a case_id that is in neither, so no copy is missed.
SCRUBBED = {
    "cases": ("title", "description", "data"),
    "case_events": ("comment", "data"),
    "notifications": ("data",),
    "action_items": ITEM_TEXT,
    "meeting_items": ("title", "text", "minutes", "decision_data"),
    "outbox": ("subject", "body", "html"),
    "search_documents": ("title", "body", "title_terms", "body_terms"),  # the row is deleted
    "guideline_changes": ("note",),  # why a guideline was replaced or withdrawn may name people
}
STRUCTURED = {
    "cases": ("workflow", "state", "topic"),
    "case_events": ("event", "from_state", "to_state"),
    "notifications": ("kind",),
    "action_items": (),
    "meeting_items": ("kind", "decision"),
    "outbox": ("recipient", "message_id", "headers", "last_error"),
    "sent_reminders": ("key", "kind"),
    "cascade_receipts": (),
    "search_documents": ("kind", "topic", "state"),
    "guideline_changes": ("status",),
    "shared_answers": ("level", "topic"),
    "suggestion_shows": ("token", "via"),  # a random form token and how the suggestions were shown
}
# Text written for every employee from a case, not copied from it: a shared answer is written without
# names (the form says so) and stays in the archive when the case it came from is anonymised.
WRITTEN_FOR_ALL = {
    "shared_answers": ("title", "text", "terms"),
}


def kept(data: dict[str, Any] | None) -> dict[str, Any]:
    """Return only the structured (non-free-text) entries of a data dict."""
    return {k: v for k, v in (data or {}).items() if k in KEPT_DATA}


def due_cases(session: Session, engines: dict[str, WorkflowEngine], now: datetime, days: int) -> list[Case]:
    """Return the employee cases closed at least `days` ago and not anonymised yet, oldest first."""
    workflows = [name for name, engine in engines.items() if engine.definition.submittable]
    return list(session.scalars(select(Case).where(
        Case.workflow.in_(workflows), Case.closed_at.is_not(None), Case.anonymised_at.is_(None),
        Case.closed_at <= now - timedelta(days=days)).order_by(Case.closed_at, Case.id)))


def _scrub_history(session: Session, case: Case) -> None:
    """Remove free text (and the submitter as actor) from the case's history, through the unlock."""
    conn, events = session.connection(), CaseEvent.__table__
    conn.execute(insert(HistoryUnlock.__table__).values(case_id=case.id))
    rows = conn.execute(select(events.c.id, events.c.actor_id, events.c.comment, events.c.data)
                        .where(events.c.case_id == case.id))
    for row in rows.all():
        actor = None if row.actor_id == case.submitter_id else row.actor_id
        if row.comment is not None or kept(row.data) != (row.data or {}) or actor != row.actor_id:
            conn.execute(update(events).where(events.c.id == row.id).values(
                comment=None, data=kept(row.data), actor_id=actor))
    conn.execute(delete(HistoryUnlock.__table__).where(HistoryUnlock.case_id == case.id))


def _scrub_around(session: Session, case: Case) -> None:
    """Remove the submitter's notifications of the case and free text from the others and the plan."""
    conn, notes = session.connection(), Notification.__table__
    conn.execute(delete(notes).where(notes.c.case_id == case.id, notes.c.person_id == case.submitter_id))
    for row in conn.execute(select(notes.c.id, notes.c.data).where(notes.c.case_id == case.id)).all():
        if kept(row.data) != (row.data or {}):  # only rows that hold free text are rewritten
            conn.execute(update(notes).where(notes.c.id == row.id).values(data=kept(row.data)))
    conn.execute(update(ActionItem.__table__).where(ActionItem.case_id == case.id)
                 .values(**dict.fromkeys(ITEM_TEXT, "")))
    conn.execute(update(GuidelineChange.__table__).where(GuidelineChange.case_id == case.id).values(note=""))
    _scrub_copies(session, case)


def _scrub_copies(session: Session, case: Case) -> None:
    """Empty the case's text copied onto agenda items (title, minutes, answer), into queued mail and
    into the search index."""
    conn, items = session.connection(), MeetingItem.__table__
    for row in conn.execute(select(items.c.id, items.c.decision_data).where(items.c.case_id == case.id)).all():
        conn.execute(update(items).where(items.c.id == row.id).values(
            title="", text="", minutes="", decision_data=kept(row.decision_data)))
    conn.execute(update(OutboxMessage.__table__).where(OutboxMessage.case_id == case.id)
                 .values(subject="", body="", html=None))
    forget_case(session, case.id)  # its words find it no more, and no snippet can show them


def scrub(session: Session, case: Case) -> None:
    """Remove the submitter and every free text from a case and what hangs on it."""
    _scrub_history(session, case)
    _scrub_around(session, case)
    case.title, case.description, case.data = "", "", kept(case.data)
    case.submitter = None
    case.submitter_id = None


def anonymise_due(session: Session, engines: dict[str, WorkflowEngine], now: datetime,
                  days: int = RETENTION_DAYS) -> list[int]:
    """Anonymise every case due; return their ids (a case another run took first is skipped)."""
    done = []
    for case in due_cases(session, engines, now, days):
        try:
            anonymise_case(session, case.id, case.version, scrub=scrub, data={"retention_days": days}, now=now)
        except MedflowError:  # changed or anonymised by someone else a moment ago
            session.rollback()
            continue
        done.append(case.id)
    return done
