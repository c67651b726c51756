"""The case reports: /reports with its charts (SVG) and tables (CSV), for committee members and admins.

Every answer reads the one report (services/reports/report.py), scoped by the visibility rule: a
confidential case counts for the members of the committees that held it, and is never listed.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user, login_required

from medflow.domain.calendar import local_date
from medflow.domain.errors import Invalid, Unknown, _
from medflow.domain.limits import KEY_MAX
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.services.admin.queries import levels as all_levels
from medflow.services.queries import all_committees
from medflow.services.reports.report import Report, Table, case_report
from medflow.services.reports.selection import focus_area_choices, select_report
from medflow.web.charts import bar_chart, svg_response
from medflow.web.display import lang
from medflow.web.figures import chosen_year
from medflow.web.reports import words
from medflow.workflows import topics

bp = Blueprint("reports", __name__)


def _key(name: str) -> str | None:
    """Return a filter's key from the query string (empty: not narrowed); refuse one too long to be a key."""
    value = (request.args.get(name) or "").strip()
    if len(value) > KEY_MAX:
        raise Invalid(_("%(name)s is too long."), name=name)
    return value or None


def report() -> Report:
    """Return the report the query string asks for (`year`, `level`, `committee`, `topic`, `focus_area`)."""
    topic = _key("topic")
    if topic and topics().get(topic) is None:
        raise Unknown(_("There is no topic %(key)s."), key=topic)
    sel = select_report(db.session, current_user, chosen_year(), level=_key("level"),
                        committee=_key("committee"), topic=topic, focus_area=_key("focus_area"))
    return case_report(db.session, sel, utcnow())


def filters(rep: Report) -> dict[str, str]:
    """Return the report's filters as query arguments (for the chart and CSV links)."""
    sel = rep.selection
    found = {"year": str(sel.year), "level": sel.level.key if sel.level else None,
             "committee": sel.committee.key if sel.committee else None, "topic": sel.topic,
             "focus_area": str(sel.focus_area.id) if sel.focus_area else None}
    return {k: v for k, v in found.items() if v}


def _table(rep: Report, table_id: str) -> Table:
    """Return the report's table `table_id`, or raise Unknown."""
    found = rep.table(table_id)
    if found is None:
        raise Unknown(_("There is no table %(id)s."), id=table_id)
    return found


def _view(table: Table) -> dict:
    """Return what the page shows of a table: title, note, headings and rows in words."""
    return {"id": table.id, "title": words.TABLE_TITLES[table.id], "note": words.TABLE_NOTES[table.id],
            "header": [words.column_label(c) for c in table.columns], "by": table.by,
            "rows": [(words.row_label(r), words.cells(table, r)) for r in table.rows]}


@bp.get("/reports")
@login_required
def page():
    """Show the case reports of a year, narrowed by level, committee and topic."""
    rep = report()
    this_year = local_date(utcnow()).year
    choices = {"years": list(range(this_year, this_year - 5, -1)), "levels": all_levels(db.session),
               "committees": all_committees(db.session), "lang": lang(),
               "topics": sorted(topics().topics, key=lambda t: t.label.get(lang())),
               "focus_areas": focus_area_choices(db.session, current_user)}
    return render_template("reports/index.html", report=rep, sel=rep.selection, args=filters(rep),
                           tables=[_view(t) for t in rep.tables], choices=choices)


def _series(table: Table) -> tuple[list[str], list[tuple[str, list]]]:
    """Return a table's chart: quarters along the axis and a bar per figure, or levels and a bar per figure.

    The share (a percentage) is left out of a chart of counts; its table shows it.
    """
    if table.by == "levels":
        labels = [words.row_label(r) for r in table.rows]
        return labels, [(words.column_label(c), [r.values[i] for r in table.rows])
                        for i, c in enumerate(table.columns)]
    labels = [words.column_label(c) for c in table.columns[:4]]
    return labels, [(words.row_label(r), list(r.values[:4])) for r in table.rows if r.key not in words.PERCENT]


@bp.get("/reports/<table_id>.svg")
@login_required
def chart(table_id: str):
    """Draw one table as a bar chart; the page shows the same numbers in the table under it."""
    table = _table(report(), table_id)
    labels, series = _series(table)
    figure = "accept_median" if table.id == "times" else "opened"  # days with a decimal, else whole numbers
    svg = bar_chart(str(words.TABLE_TITLES[table.id]), labels, series, lambda v: words.number(figure, v),
                    horizontal=table.by == "levels")
    return svg_response(svg)


@bp.get("/reports/<table_id>.csv")
@login_required
def table_csv(table_id: str):
    """Download one table as CSV (semicolons and a BOM, as Danish spreadsheets open them)."""
    rep = report()
    table = _table(rep, table_id)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["", *(words.column_label(c) for c in table.columns)])
    for row in table.rows:
        writer.writerow([words.row_label(row), *words.cells(table, row)])
    response = current_app.response_class("\ufeff" + out.getvalue(), mimetype="text/csv")
    name = f"medflow-{table.id}-{rep.selection.year}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
