"""The reports API in the OpenAPI document: GET /reports/cases, its filters and the table shape."""

from __future__ import annotations

from typing import Any

from medflow.domain.limits import KEY_MAX
from medflow.web.api.docs.operations import op
from medflow.web.api.docs.schemas import INT, NULLABLE_STR, STR, obj, ref

_KEY = {"type": "string", "maxLength": KEY_MAX}
REPORT_PARAMS = [
    {"name": "year", "in": "query", "description": "The year (default: this year in the kommune's time zone).",
     "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}},
    {"name": "level", "in": "query", "description": "Only what happened at committees of this level (its key).",
     "schema": _KEY},
    {"name": "committee", "in": "query", "description": "Only what happened at this committee (its key).",
     "schema": _KEY},
    {"name": "topic", "in": "query", "description": "Only cases of this topic (its key); cascades, "
     "meetings and annual discussions have no topic and are then null.", "schema": _KEY},
    {"name": "focus_area", "in": "query", "description": "Only cases tagged with this focus area (the id of a "
     "strategy plan's subject the caller may read); cascades, meetings and annual discussions are then null.",
     "schema": {"type": "string", "pattern": "^[0-9]{1,9}$"}},
]
VALUES = {"type": "array", "items": {"type": ["number", "null"]}}
REPORT_ROW = obj({"key": STR, "name": NULLABLE_STR, "values": VALUES}, ("key", "name", "values"))
REPORT_TABLE = obj({"id": STR, "by": {"type": "string", "enum": ["quarters", "levels"]},
                    "columns": {"type": "array", "items": STR},
                    "rows": {"type": "array", "items": ref("ReportRow")}}, ("id", "by", "columns", "rows"),
                   description="`by` quarters: a row per figure, columns q1-q4 and year; `by` levels: a row "
                               "per level, a column per figure. A value is null where it cannot be had.")
CASE_REPORT = obj({"year": INT, "level": NULLABLE_STR, "committee": NULLABLE_STR, "topic": NULLABLE_STR,
                   "focus_area": {"type": ["integer", "null"]},
                   "overdue_now": INT, "tables": {"type": "array", "items": ref("ReportTable")}},
                  ("year", "level", "committee", "topic", "focus_area", "overdue_now", "tables"),
                  description="The table `suggestions` (forms for a new case shown a shared answer, and how "
                              "many sent no case) is for the whole kommune: no filter narrows it.")

REPORT_PATHS: dict[str, Any] = {
    "/reports/cases": {"get": op(
        "caseReport", "A year's case figures by quarter: opened, resolved, forwarded, referred down, rejected, "
        "withdrawn, deadline escalations, days to acceptance and resolution, the share resolved at the right "
        "level, cascades, meetings and annual discussions held, and how often a suggested shared answer "
        "spared a case (kommune-wide); the cases the caller may count (committee members and admins).",
        ref("CaseReport"), 403, 404, params=REPORT_PARAMS)},
}
REPORT_COMPONENTS: dict[str, Any] = {"CaseReport": CASE_REPORT, "ReportTable": REPORT_TABLE,
                                     "ReportRow": REPORT_ROW}
