"""Workflow YAML → WorkflowDefinition, reporting every problem with file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medflow.domain.deadline_rules import check_deadline_rules
from medflow.domain.definitions import (
    Label,
    StateDef,
    StatutoryDeadline,
    TransitionDef,
    WorkflowDefinition,
)
from medflow.domain.errors import DefinitionError, Problem
from medflow.domain.workflow_checks import check_graph, check_transition
from medflow.domain.yamlsource import Problems, line_of, load_file, unknown_keys

TOP_KEYS = {
    "name", "label", "description", "initial", "states", "transitions", "reopen_days",
    "categories", "statutory_deadlines", "submit_fields", "submittable", "remind_before_days",
}
STATE_KEYS = {"name", "label", "final", "deadline_days", "deadline_workdays", "remind_before_days", "escalate"}
TRANSITION_KEYS = {"trigger", "source", "dest", "label", "done", "roles", "requires", "conditions", "route",
                   "clears"}
NOT_WORKFLOWS = {"responsibilities.yaml", "offers.yaml"}


def _label(raw: Any, fallback: str) -> Label:
    if isinstance(raw, dict):
        da = str(raw.get("da") or fallback)
        return Label(da=da, en=str(raw.get("en") or da))
    if isinstance(raw, str):
        return Label(raw, raw)
    return Label(fallback, fallback)


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def _parse_state(c: Problems, raw: Any, parent_line: int | None) -> StateDef | None:
    if isinstance(raw, str):
        return StateDef(name=raw, label=_label(None, raw))
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        c.add(raw, "a state must be a name or a mapping with 'name'", parent_line)
        return None
    unknown_keys(c, raw, STATE_KEYS, f"state {raw['name']!r}")
    days = _days(c, raw, "deadline_days")
    return StateDef(
        raw["name"], _label(raw.get("label"), raw["name"]), bool(raw.get("final")), days,
        remind_before_days=_days(c, raw, "remind_before_days"), escalate=raw.get("escalate"),
        deadline_workdays=_days(c, raw, "deadline_workdays"),
    )


def _days(c: Problems, raw: dict, key: str) -> int | None:
    days = raw.get(key)
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days <= 0):
        c.add(raw, f"state {raw['name']!r}: {key} must be a positive whole number")
        return None
    return days


def _parse_transition(c: Problems, raw: Any, parent_line: int | None) -> TransitionDef | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("trigger"), str):
        c.add(raw, "a transition must be a mapping with a 'trigger'", parent_line)
        return None
    trigger = raw["trigger"]
    unknown_keys(c, raw, TRANSITION_KEYS, f"event {trigger!r}")
    dest = raw.get("dest")
    if dest is None:
        c.add(raw, f"event {trigger!r}: 'dest' is missing (use '=' to stay in the same state)")
    return TransitionDef(
        trigger=trigger,
        sources=_as_tuple(raw.get("source")),
        dest=None if dest in (None, "=") else str(dest),
        label=_label(raw.get("label"), trigger),
        done=_label(raw["done"], trigger) if "done" in raw else None,
        roles=_as_tuple(raw.get("roles")),
        requires=_as_tuple(raw.get("requires")),
        conditions=_as_tuple(raw.get("conditions")),
        route=raw.get("route"),
        clears=_as_tuple(raw.get("clears")),
        line=line_of(raw),
    )


def _positive_int(c: Problems, top: dict, key: str, default: int | None) -> int | None:
    value = top.get(key, default)
    if value is None and default is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        c.add(top, f"{key} must be a whole number of days")
        return default
    return value


def _parse_deadlines(c: Problems, raw: Any, top: dict) -> tuple[StatutoryDeadline, ...]:
    result = []
    for item in raw or []:
        if not isinstance(item, dict) or not isinstance(item.get("days"), int) \
                or not isinstance(item.get("key"), str):
            c.add(item if isinstance(item, dict) else top, "a statutory deadline needs 'key' and 'days'")
            continue
        label = _label(item.get("label"), item["key"])
        result.append(StatutoryDeadline(item["key"], label, item["days"], item.get("category")))
    return tuple(result)


def _list(c: Problems, top: dict, key: str) -> list:
    """Return a top-level list (empty when left out); anything else is a problem."""
    value = top.get(key) or []
    if not isinstance(value, list):
        c.add(value, f"{key!r} must be a list", near=top)
        return []
    return value


def parse_workflow(data: Any, file: str) -> WorkflowDefinition:
    """Validate parsed YAML and build a definition; raise DefinitionError listing every problem."""
    c = Problems(file)
    if not isinstance(data, dict):
        raise DefinitionError([Problem(file, line_of(data) or 1, "a workflow file must be a mapping")])
    unknown_keys(c, data, TOP_KEYS, "workflow")
    name = data.get("name") or Path(file).stem
    states_raw = _list(c, data, "states")
    trans_raw = _list(c, data, "transitions")
    if not states_raw:
        c.add(data, "the workflow has no 'states'")
    states = [s for s in (_parse_state(c, r, line_of(data)) for r in states_raw) if s]
    transitions = [t for t in (_parse_transition(c, r, line_of(data)) for r in trans_raw) if t]
    for t in transitions:
        check_transition(t, {s.name for s in states}, c.add)
    wf = WorkflowDefinition(
        name=str(name),
        label=_label(data.get("label"), str(name)),
        initial=str(data.get("initial", states[0].name if states else "")),
        states=tuple(states),
        transitions=tuple(transitions),
        source=file,
        reopen_days=_positive_int(c, data, "reopen_days", 30),
        categories=_as_tuple(data.get("categories")),
        statutory_deadlines=_parse_deadlines(c, _list(c, data, "statutory_deadlines"), data),
        submit_fields=_as_tuple(data.get("submit_fields")),
        submittable=data.get("submittable", True) is not False,
        remind_before_days=_positive_int(c, data, "remind_before_days", None),
    )
    if states:
        check_graph(wf, data, c.add)
        check_deadline_rules(wf, data, c.add)
    if c:
        raise DefinitionError(list(c))
    return wf


def workflow_files(path: str | Path) -> list[Path]:
    """Return the workflow files in a folder (or the one file given)."""
    path = Path(path)
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.yaml") if p.name not in NOT_WORKFLOWS)


def load_workflows(path: str | Path) -> dict[str, WorkflowDefinition]:
    """Load every workflow under `path`; raise one DefinitionError with all problems found."""
    problems: list[Problem] = []
    result: dict[str, WorkflowDefinition] = {}
    files = workflow_files(path)
    if not files:
        raise DefinitionError([Problem(str(path), None, "no workflow files found")])
    for file in files:
        try:
            wf = parse_workflow(load_file(file), str(file))
        except DefinitionError as exc:
            problems.extend(exc.problems)
            continue
        if wf.name in result:
            problems.append(Problem(str(file), None, f"workflow {wf.name!r} is defined twice"))
        result[wf.name] = wf
    if problems:
        raise DefinitionError(problems)
    return result
