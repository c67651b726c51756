"""Checks on a parsed workflow: known states, roles, fields and guards; a graph that can be walked."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from medflow.domain.definitions import (
    ACTOR_ROLES,
    CLEARABLE,
    EVENT_FIELDS,
    ROUTES,
    TransitionDef,
    WorkflowDefinition,
)
from medflow.domain.guards import CONTRADICTIONS, GUARDS
from medflow.domain.yamlsource import line_of


def check_transition(t: TransitionDef, states: set[str], add: Callable[..., None]) -> None:
    """Report unknown states, roles, fields, conditions and routes of one event."""
    where = f"event {t.trigger!r}"
    if not t.sources:
        add(None, f"{where}: 'source' is missing", t.line)
    for s in t.sources:
        if s not in states:
            add(None, f"{where}: unknown source state {s!r}", t.line)
    if t.dest is not None and t.dest not in states:
        add(None, f"{where}: unknown destination state {t.dest!r}", t.line)
    if not t.roles:
        add(None, f"{where}: no role may fire it (add 'roles')", t.line)
    for checks, allowed, kind in (
        (t.roles, ACTOR_ROLES, "role"),
        (t.requires, EVENT_FIELDS, "required field"),
        (t.conditions, tuple(GUARDS), "condition"),
        (t.clears, CLEARABLE, "field to clear"),
    ):
        for item in checks:
            if item not in allowed:
                add(None, f"{where}: unknown {kind} {item!r}", t.line)
    _check_contradictions(t, where, add)
    if t.route is not None and t.route not in ROUTES:
        add(None, f"{where}: unknown route {t.route!r} (use one of {', '.join(ROUTES)})", t.line)


def _check_contradictions(t: TransitionDef, where: str, add: Callable[..., None]) -> None:
    """Report conditions that can never hold together (at and above the workplace at once)."""
    for pair in CONTRADICTIONS:
        if pair <= set(t.conditions):
            add(None, f"{where}: conditions {' and '.join(sorted(pair))} can never hold together", t.line)


def _reachable(initial: str, transitions: list[TransitionDef]) -> set[str]:
    seen, todo = {initial}, deque([initial])
    while todo:
        state = todo.popleft()
        for t in transitions:
            if state in t.sources:
                dest = t.dest_from(state)
                if dest not in seen:
                    seen.add(dest)
                    todo.append(dest)
    return seen


def _state_lines(states_raw: list, top: dict) -> list[tuple[str, int | None]]:
    """Return (name, line) of every state entry, in file order; plain names get the top's line."""
    result = []
    for raw in states_raw:
        name = raw.get("name") if isinstance(raw, dict) else raw
        if isinstance(name, str):
            result.append((name, line_of(raw) or line_of(top)))
    return result


def _check_duplicates(wf: WorkflowDefinition, top: dict, entries: list, add: Callable[..., None]) -> None:
    seen: set[str] = set()
    for name, line in entries:
        if name in seen:
            add(top, f"state {name!r} is defined twice", line)
        seen.add(name)
    pairs: set[tuple[str, str]] = set()
    for t in wf.transitions:
        for source in t.sources:
            if (t.trigger, source) in pairs:
                add(top, f"event {t.trigger!r} is defined twice from state {source!r}", t.line)
            pairs.add((t.trigger, source))


def check_graph(wf: WorkflowDefinition, top: dict, add: Callable[..., None]) -> None:
    """Report duplicate states and events, unreachable states and states with no way out."""
    entries = _state_lines(top.get("states") or [], top)
    lines: dict[str, int | None] = {}
    for name, line in entries:
        lines.setdefault(name, line)
    _check_duplicates(wf, top, entries, add)
    if wf.initial not in lines:
        add(top, f"initial state {wf.initial!r} is not a state")
        return
    reachable = _reachable(wf.initial, list(wf.transitions))
    first = {name: wf.state(name) for name in lines}  # each state once, in file order
    for s in first.values():
        if s.name not in reachable:
            add(top, f"state {s.name!r} cannot be reached from {wf.initial!r}", lines[s.name])
        outgoing = [t for t in wf.transitions if s.name in t.sources and t.dest_from(s.name) != s.name]
        if not s.final and not outgoing:
            add(top, f"state {s.name!r} has no way out and is not marked final", lines[s.name])
