"""The strategy plan API in the OpenAPI document: GET /committees/{key}/plan."""

from __future__ import annotations

from typing import Any

from medflow.domain.plan_file import STATUSES
from medflow.web.api.docs.operations import op
from medflow.web.api.docs.schemas import BOOL, KEY, STR, obj, ref

TEXTS = {"type": "array", "items": STR}
NULL_TEXT = {"type": ["string", "null"]}
STATUS = {"type": "string", "enum": list(STATUSES)}
NOTE = obj(
    {"status": STATUS, "decision": NULL_TEXT, "note": STR, "at": {"type": "string", "format": "date-time"}},
    ("status", "decision", "note", "at"),
)
INITIATIVE = obj(
    {
        "number": STR,
        "text": STR,
        "periods": TEXTS,
        "responsible": STR,
        "status": STATUS,
        "decision": {**NULL_TEXT, "description": "Which decision it waits for (status `waiting`)."},
        "overdue": {**BOOL, "description": "Not done or dropped, and its last period has ended."},
        "history": {"type": "array", "items": NOTE},
    },
    ("number", "text", "periods", "responsible", "status", "decision", "overdue", "history"),
)
SUBJECT = obj(
    {
        "title": STR,
        "intro": STR,
        "goals": TEXTS,
        "initiatives": {"type": "array", "items": ref("PlanInitiative")},
    },
    ("title", "intro", "goals", "initiatives"),
)
TIMELINE = obj(
    {
        "quarters": TEXTS,
        "rows": {
            "type": "array",
            "items": obj(
                {"number": STR, "active": {"type": "array", "items": BOOL}, "overdue": BOOL},
                ("number", "active", "overdue"),
            ),
        },
    },
    ("quarters", "rows"),
)
PLAN = obj(
    {
        "committee": STR,
        "title": STR,
        "vision": STR,
        "period": NULL_TEXT,
        "subjects": {"type": "array", "items": ref("PlanSubject")},
        "timeline": TIMELINE,
    },
    ("committee", "title", "vision", "period", "subjects", "timeline"),
)

PLAN_PATHS: dict[str, Any] = {
    "/committees/{key}/plan": {
        "get": op(
            "committeePlan",
            "A committee's strategy plan: vision, subjects, goals, initiatives with their status "
            "history, and the timeline by quarter (readable by the committee and every committee below it).",
            ref("Plan"),
            404,
            params=[{"name": "key", "in": "path", "required": True, "schema": KEY}],
        )
    },
}
PLAN_COMPONENTS: dict[str, Any] = {"Plan": PLAN, "PlanSubject": SUBJECT, "PlanInitiative": INITIATIVE}
