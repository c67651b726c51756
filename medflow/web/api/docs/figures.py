"""The key figures API in the OpenAPI document: GET /committees/{key}/figures."""

from __future__ import annotations

from typing import Any

from medflow.domain.figures import KINDS
from medflow.web.api.docs.operations import op
from medflow.web.api.docs.schemas import BOOL, INT, KEY, STR, obj, ref

CELL = obj({"year": INT, "value": {"type": ["number", "null"]}, "hidden": BOOL}, ("year", "value", "hidden"),
           description="`value` is null when nothing was imported, or when `hidden`: fewer than `min_group` "
                       "people or answers stand behind it, so it counts only in the total above.")
TABLE = obj({"id": STR, "kind": {"type": "string", "enum": list(KINDS)},
             "by": {"type": "string", "enum": ["units", "months", "dimensions"]},
             "rows": {"type": "array", "items": obj({"key": STR, "label": STR,
                                                     "cells": {"type": "array", "items": CELL}},
                                                    ("key", "label", "cells"))}},
            ("id", "kind", "by", "rows"))
FIGURES = obj({"committee": STR, "name": STR, "years": {"type": "array", "items": INT}, "min_group": INT,
               "tables": {"type": "array", "items": ref("FigureTable")}},
              ("committee", "name", "years", "min_group", "tables"))

FIGURE_PATHS: dict[str, Any] = {
    "/committees/{key}/figures": {"get": op(
        "committeeFigures", "A committee's key figures (sickness absence, wellbeing, risk reports, turnover) "
        "for a year and the year before, the committee's total first, then its units (members and admins).",
        ref("Figures"), 404, params=[
            {"name": "key", "in": "path", "required": True, "schema": KEY},
            {"name": "year", "in": "query", "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}}])},
}
FIGURE_COMPONENTS: dict[str, Any] = {"Figures": FIGURES, "FigureTable": TABLE}
