"""Listeners called inside the transaction of every case event (e.g. notifications, outbox), and
around every flush and commit of a session (the search index of meetings and cascades).

A listener receives (session, case, case_event) after the history row is added and before
the commit, so what it writes commits or rolls back together with the event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from medflow.persistence.models import Case

Listener = Callable[[Session, Case, Any], None]  # the row: a CaseEvent, or the columns just written
_listeners: list[Listener] = []


def on_case_event(listener: Listener) -> Listener:
    """Register a listener (usable as a decorator); registering twice has no effect."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def case_event_added(session: Session, case: Case, event: Any) -> None:
    """Call every listener for an event that is about to be committed."""
    for listener in list(_listeners):
        listener(session, case, event)


# resolver(session, case, event, fields) -> fields: turns a feature's own field (e.g. `meeting`)
# into what the workflow requires, before the fields are checked; it raises a domain error if bad.
FieldResolver = Callable[[Session, Case, str, dict], dict]
_resolvers: list[FieldResolver] = []


def on_event_fields(resolver: FieldResolver) -> FieldResolver:
    """Register a field resolver (usable as a decorator); registering twice has no effect."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)
    return resolver


def resolve_event_fields(session: Session, case: Case, event: str, fields: dict) -> dict:
    """Return the event's fields after every registered resolver has seen them."""
    for resolver in list(_resolvers):
        fields = resolver(session, case, event, fields)
    return fields


# Session listeners for what must follow rows, whatever service wrote them (the search index of
# meetings and cascades): after each flush with the rows it wrote, before each commit, after a rollback.
FlushListener = Callable[[Session, list[object]], None]
SessionListener = Callable[[Session], None]
_flushed: list[FlushListener] = []
_committing: list[SessionListener] = []
_rolled_back: list[SessionListener] = []


def on_flushed(listener: FlushListener) -> FlushListener:
    """Call `listener(session, rows)` after every flush with the rows it added, changed or deleted."""
    if listener not in _flushed:
        _flushed.append(listener)
    return listener


def on_before_commit(listener: SessionListener) -> SessionListener:
    """Call `listener(session)` before every commit, inside the transaction (its writes commit with it)."""
    if listener not in _committing:
        _committing.append(listener)
    return listener


def on_rolled_back(listener: SessionListener) -> SessionListener:
    """Call `listener(session)` after a transaction was rolled back (forget what it noted)."""
    if listener not in _rolled_back:
        _rolled_back.append(listener)
    return listener


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    if _flushed:
        written_by_sql(session, [*session.new, *session.dirty, *session.deleted])


def written_by_sql(session: Session, rows: list[object]) -> None:
    """Tell the flush listeners of rows a service added with a plain INSERT (`rows`: objects holding
    their columns, not in the session), as if a flush had written them."""
    for listener in list(_flushed):
        listener(session, rows)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    for listener in list(_committing):
        listener(session)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous: SessionTransaction) -> None:
    if not previous.nested:
        for listener in list(_rolled_back):
            listener(session)


# listener(session, meeting, person, now): the minutes of a meeting were just approved by every side;
# runs before the commit, so what it writes (a frozen annual pack, its goals) commits with the approval.
ApprovalListener = Callable[[Session, Any, Any, Any], None]
_approval_listeners: list[ApprovalListener] = []


def on_minutes_approved(listener: ApprovalListener) -> ApprovalListener:
    """Register a listener for approved minutes; registering twice has no effect."""
    if listener not in _approval_listeners:
        _approval_listeners.append(listener)
    return listener


def minutes_approved(session: Session, meeting: Any, person: Any, now: Any) -> None:
    """Call every listener for minutes that are about to be committed as approved."""
    for listener in list(_approval_listeners):
        listener(session, meeting, person, now)
