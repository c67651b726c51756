"""What someone who may only see that a case exists gets: the facts, never the text or the people.

The JSON has the same keys as a full case (the hidden ones null or empty) plus `redacted: true`,
so a client needs no second shape.
"""

from __future__ import annotations

from typing import Any

from flask import render_template

from medflow.persistence.models import Case, CaseEvent
from medflow.web.cases.serialize import _due_keys, _iso, case_path


def _event(e: CaseEvent) -> dict[str, Any]:
    """Return one history row as a move: states, committees and time; no actor, comment or data."""
    return {"seq": e.seq, "event": e.event, "actor": None, "from_state": e.from_state,
            "to_state": e.to_state, "from_committee": e.from_committee.key if e.from_committee else None,
            "to_committee": e.to_committee.key, "comment": None, "data": {}, "at": _iso(e.created_at)}


def redacted_case_json(case: Case) -> dict[str, Any]:
    """Return a case as someone who sees it redacted may: number, state, holder, path and dates."""
    return {
        "id": case.id, "workflow": case.workflow, "topic": None, "title": None, "description": None,
        "confidential": case.confidential, "state": case.state, "holder": case.holder.key,
        "holder_name": case.holder.name, "origin": None, "submitter": None, "version": case.version,
        "meeting_date": _iso(case.meeting_date), "answer": None, "outcome": None, "data": {},
        "action_items": [], "state_due_at": _iso(case.state_due_at), "created_at": _iso(case.created_at),
        "updated_at": _iso(case.updated_at), "closed_at": _iso(case.closed_at),
        "history": [_event(e) for e in case.history], "actions": [], "topic_level": None,
        "path": case_path(case), "redacted": True, **_due_keys(case),
    }


def redacted_summary(case, holder: str) -> dict[str, Any]:
    """Return the list form of a case seen redacted (a case, or a row of its listed columns) `holder` holds."""
    return {"id": case.id, "workflow": case.workflow, "title": None, "state": case.state,
            "holder": holder, "confidential": case.confidential, "version": case.version,
            "updated_at": _iso(case.updated_at), "redacted": True, **_due_keys(case)}


def render_redacted(case: Case):
    """Render the page of a case seen redacted: the facts and where it went, no actions."""
    return render_template("cases/redacted.html", case=case)
