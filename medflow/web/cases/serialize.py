"""Cases, committees and workflows as the JSON the API promises (keys are a contract)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from medflow.domain.action_items import status as item_status
from medflow.domain.calendar import end_of_day, local_date
from medflow.domain.engine import WorkflowEngine
from medflow.domain.topics import Topic, TopicCatalog
from medflow.persistence.base import utcnow
from medflow.persistence.models import ActionItem, Case, Committee
from medflow.services.case_history import History, Step


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def due_at(case: Case) -> datetime | None:
    """Return when an open case is due: its state's deadline, or the end of a cascade's report-back day."""
    if case.closed_at is not None:
        return None
    if case.state_due_at is not None:
        return case.state_due_at
    due_date = (case.data or {}).get("due_date")
    return end_of_day(date.fromisoformat(due_date)) if due_date else None


def _due_keys(case: Case) -> dict[str, Any]:
    due = due_at(case)
    return {"due_at": _iso(due), "overdue": due is not None and due < utcnow()}


def event_json(e: Step) -> dict[str, Any]:
    """Return one history row."""
    return {
        "seq": e.seq,
        "event": e.event,
        "actor": None if e.actor_id is None else {"name": e.actor_name, "email": e.actor_email},
        "from_state": e.from_state,
        "to_state": e.to_state,
        "from_committee": e.from_key,
        "to_committee": e.to_key,
        "comment": e.comment,
        "data": e.data or {},
        "at": _iso(e.created_at),
    }


def case_json(case: Case, actions: list[str], history: History, items: list[ActionItem]) -> dict[str, Any]:
    """Return a case with its history (oldest first), action-plan items and the caller's actions (no
    words: no language)."""
    return {
        "id": case.id,
        "workflow": case.workflow,
        "topic": case.topic,
        "title": case.title,
        "description": case.description,
        "confidential": case.confidential,
        "state": case.state,
        "holder": case.holder.key,
        "holder_name": case.holder.name,
        "origin": history.origin_key,
        "submitter": history.submitter,
        "anonymised_at": _iso(case.anonymised_at),
        "version": case.version,
        "meeting_date": _iso(case.meeting_date),
        "answer": (case.data or {}).get("answer"),
        "outcome": (case.data or {}).get("outcome"),
        "data": case.data or {},
        "action_items": [
            {"id": a.id, "problem": a.problem, "solution": a.solution, "owner": a.owner,
             "due_date": _iso(a.due_date), "effect_check": a.effect_check, "done_on": _iso(a.done_on),
             "status": item_status(a.due_date, a.done_on, local_date(utcnow()))}
            for a in items
        ],
        "state_due_at": _iso(case.state_due_at),
        "created_at": _iso(case.created_at),
        "updated_at": _iso(case.updated_at),
        "closed_at": _iso(case.closed_at),
        "history": [event_json(e) for e in history.steps],
        "actions": actions,
        **_due_keys(case),
    }


def case_summary(case, holder: str) -> dict[str, Any]:
    """Return the short form used in lists (a case, or a row of its listed columns) `holder` holds."""
    return {
        "id": case.id, "workflow": case.workflow, "title": case.title, "state": case.state,
        "holder": holder, "confidential": case.confidential, "version": case.version,
        "updated_at": _iso(case.updated_at), **_due_keys(case),
    }


def committee_tree(committees: list[Committee]) -> list[dict[str, Any]]:
    """Return the committees nested under their parents, top first."""
    nodes = {
        c.id: {"key": c.key, "name": c.name, "level": c.level.key, "kind": c.kind, "children": []}
        for c in committees
    }
    roots = []
    for c in committees:
        (nodes[c.parent_id]["children"] if c.parent_id in nodes else roots).append(nodes[c.id])
    return roots


def workflow_json(engine: WorkflowEngine, lang: str) -> dict[str, Any]:
    """Return a workflow definition with its states and events."""
    wf = engine.definition
    return {
        "name": wf.name,
        "label": wf.label.get(lang),
        "initial": wf.initial,
        "submittable": wf.submittable,
        "reopen_days": wf.reopen_days,
        "categories": list(wf.categories),
        "states": [
            {"name": s.name, "label": s.label.get(lang), "final": s.final,
             "deadline_days": s.deadline_days, "deadline_workdays": s.deadline_workdays}
            for s in wf.states
        ],
        "events": [
            {"event": t.trigger, "label": t.label.get(lang), "source": list(t.sources),
             "dest": t.dest, "roles": list(t.roles), "requires": list(t.requires)}
            for t in wf.transitions
        ],
    }


def topic_json(topic: Topic, catalog: TopicCatalog, lang: str) -> dict[str, Any]:
    """Return a topic: its label in `lang`, responsible level, case type and escalation rule."""
    esc = topic.escalation
    return {
        "key": topic.key,
        "label": topic.label.get(lang),
        "level": topic.level,
        "level_label": catalog.level_label(topic.level, lang),
        "workflow": topic.workflow,
        "escalation": None if esc is None else {
            "to": esc.to, "to_label": catalog.level_label(esc.to, lang), "rule": esc.rule.get(lang),
        },
        "role": topic.role,
        "direct": topic.direct,
        "category": topic.category,
        "description": topic.description.get(lang),
    }


def case_path_committees(case: Case) -> list[Committee]:
    """Return the committees the case has been at, in order (a stay counts once)."""
    path: list[Committee] = []
    for e in case.history:
        if not path or path[-1].id != e.to_committee.id:
            path.append(e.to_committee)
    return path


def case_path(case: Case) -> list[str]:
    """Return the keys of the committees the case has been at, in order."""
    return [c.key for c in case_path_committees(case)]


def steps_path(steps: list[Step]) -> list[str]:
    """Return the keys of the committees a history of steps has been at, in order (a stay counts once)."""
    path: list[str] = []
    for step in steps:
        if not path or path[-1] != step.to_key:
            path.append(step.to_key)
    return path


def case_route(case: Case, catalog: TopicCatalog, steps: list[Step]) -> dict[str, Any]:
    """Return the keys the topic adds to a case: the responsible level and the path so far."""
    topic = catalog.get(case.topic) if case.topic else None
    return {"topic_level": topic.level if topic else None, "path": steps_path(steps)}
