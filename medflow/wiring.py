"""Every listener and field resolver in one list, registered by `create_app` (cosmicpython's bootstrap).

Services announce what happened through the hooks in `services.hooks` and `services.mail.outbox`
(case and meeting mail are written by the composers `notify.sender.mail_settings` hands them);
this is the one place that says who listens. The order is the order listeners run in, inside
the transaction of the event.
"""

from __future__ import annotations

from medflow.notify import sender
from medflow.services import cascades, hooks, sent_on
from medflow.services.annual import discussion as annual
from medflow.services.cycle import publish as cycle_publish
from medflow.services.mail import outbox
from medflow.services.meetings import agenda, moves
from medflow.services.search import changes as search_changes
from medflow.services.search import index as search_index

REGISTRATIONS = (
    (hooks.on_case_event, sent_on.track),  # a forward, close or reopen keeps the "Sendt videre" rows in step
    (hooks.on_case_event, cascades.pass_down),  # a cascade passed down opens cases at the committees below
    (hooks.on_case_event, cycle_publish.copy_on_pass_down),  # ...and a cycle item's reaches their cycles
    (hooks.on_case_event, sender.notify_case_event),  # in-app notifications and mail about the event
    (hooks.on_case_event, agenda.on_schedule),  # a case scheduled for a meeting joins its agenda
    (hooks.on_case_event, moves.on_unschedule),  # a case taken off an agenda leaves it
    (hooks.on_case_event, search_index.on_case_event),  # the search index holds the case as it is now
    (hooks.on_flushed, search_changes.note_flushed),  # which meetings and cascades a flush changed ...
    (hooks.on_before_commit, search_changes.rebuild_noted),  # ... are searchable as they are now at commit
    (hooks.on_rolled_back, search_changes.forget_noted),
    (hooks.on_event_fields, agenda.resolve_meeting),  # `meeting` (an id) becomes the fields `schedule` needs
    (hooks.on_minutes_approved, annual.freeze_on_approval),  # the annual pack freezes; its goals are set
    (outbox.on_queued_commit, sender.deliver_after_commit),  # mail queued by a request is sent after commit
)


def register() -> None:
    """Register every listener (each registration is idempotent, so a second app changes nothing)."""
    for hook, listener in REGISTRATIONS:
        hook(listener)
