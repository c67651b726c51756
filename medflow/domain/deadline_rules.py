"""Checks on the deadline keys of a workflow: one kind of deadline; reminders and escalation need one."""

from __future__ import annotations

from collections.abc import Callable

from medflow.domain.definitions import ESCALATIONS, WorkflowDefinition
from medflow.domain.yamlsource import line_of


def check_deadline_rules(wf: WorkflowDefinition, top: dict, add: Callable[..., None]) -> None:
    """A state counts days or working days, not both (which would win is not obvious to the reader);
    reminders need a longer deadline, escalation a deadline and a way up (a parent route)."""
    lines = {s["name"]: line_of(s) for s in top.get("states") or [] if isinstance(s, dict)
             and isinstance(s.get("name"), str)}
    can_go_up = any(t.route == "parent" for t in wf.transitions)
    for s in wf.states:
        where, line = f"state {s.name!r}", lines.get(s.name)
        if s.deadline_days is not None and s.deadline_workdays is not None:
            add(top, f"{where}: set deadline_days or deadline_workdays, not both", line)
        key = "deadline_workdays" if s.deadline_workdays is not None else "deadline_days"
        if s.remind_before_days is not None and not s.has_deadline:
            add(top, f"{where}: remind_before_days needs deadline_days or deadline_workdays", line)
        elif s.remind_before_days is not None and s.remind_before_days >= getattr(s, key):
            add(top, f"{where}: remind_before_days must be less than {key}", line)
        if s.escalate is None:
            continue
        if s.escalate not in ESCALATIONS:
            add(top, f"{where}: unknown escalate {s.escalate!r} (use one of {', '.join(ESCALATIONS)})",
                  line)
        elif not s.has_deadline or s.final:
            add(top, f"{where}: escalate needs deadline_days or deadline_workdays on a state that is not "
                "final", line)
        elif not can_go_up:
            add(top, f"{where}: escalate: forward needs an event with 'route: parent'", line)
