"""Marking an action-plan item done in the OpenAPI document: POST /cases/{case_id}/action-items/{item_id}."""

from __future__ import annotations

from typing import Any

from medflow.web.api.docs.operations import op, path_id
from medflow.web.api.docs.schemas import INT, obj, ref

MARK = obj({"done_on": {"type": ["string", "null"], "format": "date",
                        "description": "the date it was done (not after today; absent: today in the kommune); "
                                       "null: not done after all"},
            "version": INT}, ("version",))

ACTION_ITEM_PATHS: dict[str, Any] = {
    "/cases/{case_id}/action-items/{item_id}": {"post": op(
        "markActionItem", "Mark a work-environment action-plan item done, or not done again, as the committee "
        "handling the case; the case's history records it and its version goes up.",
        ref("Case"), 403, 404, 409, body=ref("MarkActionItem"),
        params=[path_id("case_id"), path_id("item_id")])},
}
ACTION_ITEM_COMPONENTS: dict[str, Any] = {"MarkActionItem": MARK}
