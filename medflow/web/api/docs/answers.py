"""The suggestions API in the OpenAPI document: GET /suggestions and the shape of what it suggests."""

from __future__ import annotations

from typing import Any

from medflow.domain.limits import KEY_MAX, TEXT_MAX
from medflow.domain.suggestions import LIMIT
from medflow.web.api.docs.operations import op
from medflow.web.api.docs.schemas import ID, NULLABLE_STR, STR, obj, ref

SUGGESTION_PARAMS = [
    {"name": "title", "in": "query", "description": "The title being typed; Danish words match their other "
     "forms (stems), stop words are ignored.", "schema": {"type": "string", "maxLength": TEXT_MAX["title"]}},
    {"name": "topic", "in": "query",
     "description": "The chosen topic's key: its answers and offers rank higher (alone, it suggests them).",
     "schema": {"type": "string", "maxLength": KEY_MAX}},
]
SUGGESTED_ANSWER = obj({
    "id": ID, "title": STR, "text": {"type": "string", "description": "The start of the shared text."},
    "committee": {"type": "string", "description": "The committee that shared it."},
    "topic": NULLABLE_STR, "topic_label": STR, "shared_at": {"type": "string", "format": "date"}, "url": STR,
}, ("id", "title", "text", "committee", "topic", "topic_label", "shared_at", "url"))
SUGGESTED_OFFER = obj({"key": STR, "title": STR, "description": STR, "contact": NULLABLE_STR,
                       "link": NULLABLE_STR, "url": STR},
                      ("key", "title", "description", "contact", "link", "url"))
SUGGESTIONS = obj({"answers": {"type": "array", "maxItems": LIMIT, "items": ref("SuggestedAnswer")},
                   "offers": {"type": "array", "maxItems": LIMIT, "items": ref("SuggestedOffer")}},
                  ("answers", "offers"))

ANSWER_PATHS: dict[str, Any] = {
    "/suggestions": {"get": op(
        "suggestions", f"Up to {LIMIT} answers committees shared with all employees, and the kommune's "
        "wellbeing offers, that match a title being typed and its topic: what the new-case form suggests.",
        ref("Suggestions"), params=SUGGESTION_PARAMS)},
}
ANSWER_COMPONENTS = {"SuggestedAnswer": SUGGESTED_ANSWER, "SuggestedOffer": SUGGESTED_OFFER,
                     "Suggestions": SUGGESTIONS}
