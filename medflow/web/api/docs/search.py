"""The search API in the OpenAPI document: GET /search, its filters, the cursor and the result shape."""

from __future__ import annotations

from typing import Any

from medflow.domain.limits import KEY_MAX
from medflow.domain.search_text import QUERY_MAX, YEARS
from medflow.services.search.registry import KINDS
from medflow.web.api.docs.operations import op
from medflow.web.api.docs.schemas import ID, NULLABLE_STR, STR, obj, ref

_KEY = {"type": "string", "maxLength": KEY_MAX}
SEARCH_PARAMS = [
    {"name": "q", "in": "query", "required": True, "description": "The words; each must be in a result "
     "(in any inflection: Danish stems). Stop words alone are refused.",
     "schema": {"type": "string", "minLength": 1, "maxLength": QUERY_MAX}},
    {"name": "kind", "in": "query", "description": "Only results of this kind.",
     "schema": {"type": "string", "enum": list(KINDS)}},
    {"name": "committee", "in": "query", "description": "Only cases this committee holds, or the meetings "
     "and cascades of this committee (its key).", "schema": _KEY},
    {"name": "topic", "in": "query", "description": "Only cases (and their agenda items) of this topic "
     "(its key).", "schema": _KEY},
    {"name": "state", "in": "query", "description": "Only cases (and their agenda items) in this state "
     "(its key).", "schema": _KEY},
    {"name": "year", "in": "query", "description": "Only cases opened, meetings held or cascades sent "
     "this year.",
     "schema": {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]}},
    {"name": "after", "in": "query", "description": "`next_after` of the previous page.",
     "schema": {"type": "string", "maxLength": 60}},
]
SEARCH_HIT = obj({
    "kind": {"type": "string", "enum": list(KINDS)},
    "id": {**ID, "description": "The id of the case, agenda item, communication line or cascade."},
    "title": STR,
    "title_html": {"type": "string", "description": "The title as escaped HTML; matched words in <mark>."},
    "snippet": {"type": "string", "description": "Text around the first match as escaped HTML; matched "
                "words in <mark>."},
    "workflow": NULLABLE_STR, "state": NULLABLE_STR, "topic": NULLABLE_STR, "committee": NULLABLE_STR,
    "year": {"type": ["integer", "null"]}, "url": STR,
}, ("kind", "id", "title", "title_html", "snippet", "workflow", "state", "topic", "committee", "year", "url"))
SEARCH_RESULTS = obj({"query": STR, "terms": {"type": "array", "items": STR},
                      "results": {"type": "array", "maxItems": 25, "items": ref("SearchHit")},
                      "next_after": NULLABLE_STR}, ("query", "terms", "results", "next_after"))

SEARCH_PATHS: dict[str, Any] = {
    "/search": {"get": op(
        "search", "Search what the caller may read: cases read in full (title, description, comments, "
        "answers), agenda items and approved minutes of their committees (and minutes published to their "
        "workplace), news stories and cascades they see; best match first, 25 a page.",
        ref("SearchResults"), params=SEARCH_PARAMS)},
}
SEARCH_COMPONENTS = {"SearchHit": SEARCH_HIT, "SearchResults": SEARCH_RESULTS}
