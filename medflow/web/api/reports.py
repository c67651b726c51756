"""GET /api/v1/reports/cases: the case reports as JSON, the same figures and scope as /reports."""

from __future__ import annotations

from flask import Blueprint, jsonify

from medflow.services.reports.report import Table
from medflow.web.reports import report

bp = Blueprint("reports", __name__)  # under /api/v1 (medflow.web.api)


def table_json(table: Table) -> dict:
    """Return one table: its columns (quarters and the year, or figures) and a row per figure or level."""
    return {"id": table.id, "by": table.by, "columns": list(table.columns),
            "rows": [{"key": r.key, "name": r.name, "values": list(r.values)} for r in table.rows]}


@bp.get("/reports/cases")
def cases():
    """Return a year's case figures by quarter (`?year=&level=&committee=&topic=&focus_area=`), as /reports."""
    rep = report()
    sel = rep.selection
    return jsonify(year=sel.year, level=sel.level.key if sel.level else None,
                   committee=sel.committee.key if sel.committee else None, topic=sel.topic,
                   focus_area=sel.focus_area.id if sel.focus_area else None,
                   overdue_now=rep.overdue_now, tables=[table_json(t) for t in rep.tables])
