"""Listeners called inside the transaction of every case event (e.g. notifications, outbox).

A listener receives (session, case, case_event) after the history row is added and before
the commit, so what it writes commits or rolls back together with the event.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from medflow.persistence.models import Case, CaseEvent

Listener = Callable[[Session, Case, CaseEvent], None]
_listeners: list[Listener] = []


def on_case_event(listener: Listener) -> Listener:
    """Register a listener (usable as a decorator); registering twice has no effect."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def case_event_added(session: Session, case: Case, event: CaseEvent) -> None:
    """Call every listener for an event that is about to be committed."""
    for listener in list(_listeners):
        listener(session, case, event)
