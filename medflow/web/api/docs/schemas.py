"""The OpenAPI component schemas: request bodies built from the field rules, response shapes."""

from __future__ import annotations

from typing import Any

from medflow.domain.definitions import EVENT_FIELDS, OUTCOMES, RISK_LEVELS
from medflow.domain.limits import ID_MAX, KEY_MAX, TEXT_MAX
from medflow.services.cascades import KINDS

STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
NULLABLE_STR = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": ["string", "null"], "format": "date-time"}
KEY = {"type": "string", "minLength": 1, "maxLength": KEY_MAX}
ID = {"type": "integer", "minimum": 1, "maximum": ID_MAX}


def ref(name: str) -> dict[str, str]:
    """Return a reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def text(field: str, **extra: Any) -> dict[str, Any]:
    """Return a free-text field with its maximum from the field rules."""
    return {"type": "string", "maxLength": TEXT_MAX[field], **extra}


def obj(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    """Return an object schema; every listed key is required unless the object says otherwise."""
    return {"type": "object", "properties": properties, "required": list(required), **extra}


def _event_field(name: str) -> dict[str, Any]:
    """Return the schema of one event field, from the same rules `clean_event_fields` applies."""
    if name in ("meeting_date", "due_date"):
        return DATE
    if name == "outcome":
        return {"type": "string", "enum": list(OUTCOMES)}
    if name == "risk_level":
        return {"type": "string", "enum": list(RISK_LEVELS)}
    if name == "meeting":  # the id of a coming meeting of the holding committee (with `schedule`)
        return ID
    if name == "confirm_move":
        return {"type": ["boolean", "string"], "description": "With `schedule`: move the case off the "
                "published agenda it is on (refused with 409 without it)."}
    return KEY if name == "target" else text(name)


PERSON = obj({"name": STR, "email": STR}, ("name", "email"))
EVENT = obj({
    "seq": INT, "event": STR, "actor": {"oneOf": [PERSON, {"type": "null"}]}, "from_state": NULLABLE_STR,
    "to_state": STR, "from_committee": NULLABLE_STR, "to_committee": STR, "comment": NULLABLE_STR,
    "data": {"type": "object"}, "at": DATETIME,
}, ("seq", "event", "actor", "from_state", "to_state", "from_committee", "to_committee", "comment", "data",
    "at"))
ACTION_ITEM = obj({**{k: DATE if k == "due_date" else STR for k in ("problem", "solution", "owner", "due_date",
                                                                     "effect_check")},
                   "id": INT, "done_on": {"type": ["string", "null"], "format": "date"},
                   "status": {"type": "string", "enum": ["done", "open", "overdue"],
                              "description": "overdue: not done and the due date (the kommune's) has passed"}})
DUE = {"due_at": DATETIME, "overdue": BOOL}
CASE_SUMMARY = obj({"id": INT, "workflow": STR, "title": STR, "state": STR, "holder": STR,
                    "confidential": BOOL, "version": INT, "updated_at": DATETIME, **DUE},
                   ("id", "workflow", "title", "state", "holder", "confidential", "version", "updated_at",
                    "due_at", "overdue"))
CASE_PROPS = {
    "id": INT, "workflow": STR, "topic": NULLABLE_STR, "title": STR, "description": STR,
    "confidential": BOOL, "state": STR, "holder": STR, "holder_name": STR, "origin": STR,
    "submitter": PERSON, "version": INT, "meeting_date": {"type": ["string", "null"], "format": "date"},
    "answer": NULLABLE_STR, "outcome": NULLABLE_STR, "data": {"type": "object"},
    "action_items": {"type": "array", "items": ACTION_ITEM}, "state_due_at": DATETIME,
    "created_at": DATETIME, "updated_at": DATETIME, "closed_at": DATETIME,
    "history": {"type": "array", "items": ref("Event")}, "actions": {"type": "array", "items": STR},
    **DUE, "topic_level": NULLABLE_STR, "path": {"type": "array", "items": STR},
}
CASE = obj(CASE_PROPS, tuple(CASE_PROPS))
COMMITTEE_NODE = obj({"key": STR, "name": STR, "level": STR, "kind": NULLABLE_STR,
                      "children": {"type": "array", "items": ref("CommitteeNode")}},
                     ("key", "name", "level", "kind", "children"))
WORKFLOW = obj({
    "name": STR, "label": NULLABLE_STR, "initial": STR, "submittable": BOOL,
    "reopen_days": {"type": ["integer", "null"]}, "categories": {"type": "array", "items": STR},
    "states": {"type": "array", "items": obj({"name": STR, "label": NULLABLE_STR, "final": BOOL,
                                              "deadline_days": {"type": ["integer", "null"]},
                                              "deadline_workdays": {"type": ["integer", "null"]}})},
    "events": {"type": "array", "items": obj({"event": STR, "label": NULLABLE_STR,
                                              "source": {"type": "array", "items": STR}, "dest": NULLABLE_STR,
                                              "roles": {"type": "array", "items": STR},
                                              "requires": {"type": "array", "items": STR}})},
}, ("name", "initial", "states", "events"))
TOPIC = obj({"key": STR, "label": NULLABLE_STR, "level": STR, "level_label": NULLABLE_STR, "workflow": STR,
             "escalation": {"oneOf": [{"type": "null"}, obj({"to": STR, "to_label": NULLABLE_STR,
                                                             "rule": NULLABLE_STR})]},
             "role": NULLABLE_STR, "direct": BOOL, "category": NULLABLE_STR, "description": NULLABLE_STR},
            ("key", "label", "level", "workflow", "escalation"))
NOTIFICATION = obj({"id": INT, "kind": STR, "case_id": {"type": ["integer", "null"]},
                    "case_title": NULLABLE_STR, "message": STR, "created_at": DATETIME, "read": BOOL},
                   ("id", "kind", "case_id", "message", "created_at", "read"))
CASCADE_PROPS = {"id": INT, "committee": STR, "kind": {"type": "string", "enum": list(KINDS)},
                 "title": STR, "body": STR, "due_date": {"type": ["string", "null"], "format": "date"},
                 "internal": BOOL, "publisher": STR, "created_at": DATETIME}
CASCADE_ROW = obj({"committee": STR, "name": STR, "level": STR, "case_id": INT, "state": STR, "overdue": BOOL,
                   "notes": {"type": "array",
                             "items": obj({"event": STR, "note": NULLABLE_STR, "at": DATETIME})}},
                  ("committee", "name", "level", "case_id", "state", "overdue", "notes"))
CYCLE_ROLLUP = obj({
    "title": STR, "period_start": DATE, "period_end": DATE,
    "committees": {"type": "array", "items": obj({"committee": KEY, "state": {
        "enum": ["held", "planned", "overdue", "due", "before"]}, "meeting_date": {"type": ["string", "null"],
                                                                                   "format": "date"}},
        ("committee", "state", "meeting_date"))},
    "not_held": {"type": "array", "items": STR}},
    ("title", "period_start", "period_end", "committees", "not_held"), type=["object", "null"],
    description="A published annual-cycle item: each committee's status in the period under way (else the "
                "last one); null for other cascades and for items on every meeting.")
ROLLUP = obj({**CASCADE_PROPS, "levels": {"type": "array", "items": obj({
    "key": STR, "name": STR, "received": INT, "discussed": INT, "reported_back": INT, "overdue": INT})},
    "committees": {"type": "array", "items": CASCADE_ROW}, "overdue": {"type": "array", "items": STR},
    "cycle": CYCLE_ROLLUP},
    (*CASCADE_PROPS, "levels", "committees", "overdue", "cycle"))
ERROR = obj({"error": {"type": "string", "minLength": 1}, "status": {"type": "integer", "minimum": 400,
                                                                     "maximum": 499}}, ("error", "status"))

NEW_CASE = obj({
    "workflow": KEY, "title": text("title", minLength=1), "description": text("description"),
    "confidential": BOOL, "topic": KEY, "category": KEY, "location": text("location"),
    "what_happened": text("what_happened"),
}, ("title",), description="`workflow` may be left out when `topic` is sent.")
NEW_EVENT = obj({"event": KEY, "version": {"type": "integer", "minimum": -ID_MAX, "maximum": ID_MAX},
                 **{name: _event_field(name) for name in EVENT_FIELDS}}, ("event", "version"))
NEW_CASCADE = obj({"committee": KEY, "kind": {"type": "string", "enum": list(KINDS)},
                   "title": text("title", minLength=1), "body": text("body", minLength=1), "due_date": DATE,
                   "internal": BOOL, "levels": {"type": "array", "items": KEY},
                   "branches": {"type": "array", "items": KEY}}, ("committee", "kind", "title", "body"))

COMPONENTS: dict[str, Any] = {
    "Case": CASE, "CaseSummary": CASE_SUMMARY, "Event": EVENT, "CommitteeNode": COMMITTEE_NODE,
    "Workflow": WORKFLOW, "Topic": TOPIC, "Notification": NOTIFICATION, "Rollup": ROLLUP,
    "Cascade": obj(CASCADE_PROPS, tuple(CASCADE_PROPS)), "CascadeRow": CASCADE_ROW, "Error": ERROR,
    "NewCase": NEW_CASE, "NewEvent": NEW_EVENT, "NewCascade": NEW_CASCADE,
}
