"""Checks on the deadline keys of a workflow: reminders and escalation need a deadline."""

from __future__ import annotations

from collections.abc import Callable

from medflow.domain.definitions import ESCALATIONS, WorkflowDefinition
from medflow.domain.yamlsource import line_of


def check_deadline_rules(wf: WorkflowDefinition, top: dict, add: Callable[..., None]) -> None:
    """Reminders and escalation need a deadline; escalation needs a way up (a parent route)."""
    lines = {s["name"]: line_of(s) for s in top.get("states") or [] if isinstance(s, dict)
             and isinstance(s.get("name"), str)}
    can_go_up = any(t.route == "parent" for t in wf.transitions)
    for s in wf.states:
        where, line = f"state {s.name!r}", lines.get(s.name)
        if s.remind_before_days is not None and s.deadline_days is None:
            add(top, f"{where}: remind_before_days needs deadline_days", line)
        elif s.remind_before_days is not None and s.remind_before_days >= s.deadline_days:
            add(top, f"{where}: remind_before_days must be less than deadline_days", line)
        if s.escalate is None:
            continue
        if s.escalate not in ESCALATIONS:
            add(top, f"{where}: unknown escalate {s.escalate!r} (use one of {', '.join(ESCALATIONS)})",
                  line)
        elif s.deadline_days is None or s.final:
            add(top, f"{where}: escalate needs deadline_days on a state that is not final", line)
        elif not can_go_up:
            add(top, f"{where}: escalate: forward needs an event with 'route: parent'", line)
