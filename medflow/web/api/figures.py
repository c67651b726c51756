"""GET /api/v1/committees/KEY/figures: the key figures page as JSON, with the same small units hidden."""

from __future__ import annotations

from flask import Blueprint, jsonify

from medflow.domain.figures import MIN_GROUP
from medflow.services.figures.report import Table
from medflow.web.figures import report

bp = Blueprint("figures", __name__)  # under /api/v1 (medflow.web.api)


def table_json(table: Table) -> dict:
    """Return one table: a row per unit, month or dimension; a cell per year, `hidden` when too small."""
    return {"id": table.id, "kind": table.kind, "by": table.by,
            "rows": [{"key": row.key, "label": row.label,
                      "cells": [{"year": year, "value": cell.value, "hidden": cell.hidden}
                                for year, cell in zip(table.years, row.cells, strict=True)]}
                     for row in table.rows]}


@bp.get("/committees/<key>/figures")
def committee_figures(key: str):
    """Return a committee's key figures for a year (`?year=`, default this year) and the year before."""
    committee, year, tables = report(key)
    return jsonify(committee=committee.key, name=committee.name, years=[year - 1, year], min_group=MIN_GROUP,
                   tables=[table_json(t) for t in tables])
