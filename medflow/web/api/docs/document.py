"""The OpenAPI 3.1 document of /api/v1: every operation with its body, limits and answers."""

from __future__ import annotations

from typing import Any

from medflow.config import VERSION
from medflow.domain.limits import BODY_MAX_BYTES, ID_MAX, KEY_MAX
from medflow.services.queries import MAX_PAGE
from medflow.web.api.docs.action_items import ACTION_ITEM_COMPONENTS, ACTION_ITEM_PATHS
from medflow.web.api.docs.answers import ANSWER_COMPONENTS, ANSWER_PATHS
from medflow.web.api.docs.figures import FIGURE_COMPONENTS, FIGURE_PATHS
from medflow.web.api.docs.mail import MAIL_COMPONENTS, MAIL_PATHS
from medflow.web.api.docs.meetings import MEETING_COMPONENTS, MEETING_PATHS
from medflow.web.api.docs.operations import op
from medflow.web.api.docs.operations import path_id as _path_id
from medflow.web.api.docs.plans import PLAN_COMPONENTS, PLAN_PATHS
from medflow.web.api.docs.reports import REPORT_COMPONENTS, REPORT_PATHS
from medflow.web.api.docs.schemas import CASCADE_PROPS, COMPONENTS, ID, INT, KEY, STR, obj, ref
from medflow.web.api.docs.search import SEARCH_COMPONENTS, SEARCH_PATHS

LIST = {"type": "array"}
COMMITTEE_CASES = [
    {"name": "key", "in": "path", "required": True, "schema": KEY},
    {"name": "state", "in": "query", "schema": {"type": "string", "maxLength": KEY_MAX}},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}},
]
PATHS: dict[str, Any] = {
    "/committees": {"get": op("listCommittees", "The committee tree.",
                              obj({"committees": {**LIST, "items": ref("CommitteeNode")}}, ("committees",)))},
    "/workflows": {"get": op("listWorkflows", "The workflow definitions with states and events.",
                             obj({"workflows": {**LIST, "items": ref("Workflow")}}, ("workflows",)))},
    "/topics": {"get": op("listTopics", "The topics: which level is responsible for what.",
                          obj({"topics": {**LIST, "items": ref("Topic")}}, ("topics",)))},
    "/cases": {"post": op("createCase", "Open a case at the caller's workplace committee (or its topic's).",
                          ref("Case"), status=201, body=ref("NewCase"))},
    "/cases/{case_id}": {"get": op("showCase", "One case with its history and the caller's actions.",
                                   ref("Case"), 404, params=[_path_id("case_id")])},
    "/cases/{case_id}/events": {"post": op("fireEvent", "Fire an event on a case.", ref("Case"), 403, 404, 409,
                                           body=ref("NewEvent"), params=[_path_id("case_id")])},
    "/committees/{key}/cases": {"get": op(
        "committeeCases", "A committee's cases, newest first, 25 a page.",
        obj({"committee": STR, "page": INT, "page_size": INT, "total": INT,
             "total_capped": {"type": "boolean", "description": "true: there are more than `total` (1000)"},
             "cases": {**LIST, "items": ref("CaseSummary")}},
            ("committee", "page", "page_size", "total", "cases")),
        403, 404, params=COMMITTEE_CASES)},
    "/notifications": {"get": op("listNotifications", "The caller's unread count and newest notifications.",
                                 obj({"unread": INT, "notifications": {**LIST, "items": ref("Notification")}},
                                     ("unread", "notifications")))},
    "/notifications/read": {"post": op(
        "readNotifications", "Mark notifications read: those in `ids`, or all when left out.",
        obj({"unread": INT}, ("unread",)), body=obj({"ids": {**LIST, "items": ID}}))},
    "/notifications/settings": {"post": op(
        "notificationSettings", "Turn notification e-mails on or off.", obj({"email": {"type": "boolean"}},
                                                                             ("email",)),
        body=obj({"email": {"type": "boolean"}}, ("email",)))},
    "/cascades": {"post": op("publishCascade", "Publish to the committees below.",
                             obj({**CASCADE_PROPS, "received_by": INT}, (*CASCADE_PROPS, "received_by")),
                             403, 404, status=201, body=ref("NewCascade"))},
    "/cascades/{cascade_id}": {"get": op("showCascade", "The roll-up (sending committee only).", ref("Rollup"),
                                         403, 404, params=[_path_id("cascade_id")])},
    "/information": {"get": op("information", "What the caller's committees received from above.",
                               obj({"items": {**LIST, "items": obj({**CASCADE_PROPS, "received_by": {
                                   **LIST, "items": ref("CascadeRow")}}, (*CASCADE_PROPS, "received_by"))}},
                                   ("items",)))},
}


def document() -> dict[str, Any]:
    """Return the whole document (the same for every caller; no personal data)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "medflow API", "version": VERSION,
                 "description": f"Bearer tokens only. Bodies up to {BODY_MAX_BYTES} bytes; ids from 1 to "
                                f"{ID_MAX}; errors are {{error, status}} in the Accept-Language."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {**PATHS, **MEETING_PATHS, **MAIL_PATHS, **FIGURE_PATHS, **PLAN_PATHS, **SEARCH_PATHS,
                  **ANSWER_PATHS, **REPORT_PATHS, **ACTION_ITEM_PATHS},
        "components": {"schemas": {**COMPONENTS, **MEETING_COMPONENTS, **MAIL_COMPONENTS, **FIGURE_COMPONENTS,
                                   **PLAN_COMPONENTS, **SEARCH_COMPONENTS, **ANSWER_COMPONENTS,
                                   **REPORT_COMPONENTS, **ACTION_ITEM_COMPONENTS},
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
