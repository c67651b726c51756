"""A committee's key figures page, its charts (SVG) and its tables (CSV): members of the committee and admins.

Every answer reads the one report (services/figures/report.py), so the page, the charts, the CSV
files and the API hide the same small units. Someone outside the committee gets 404, as on the
committee's meetings: whether a committee has figures is not theirs to know.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user, login_required

from medflow.domain.calendar import local_date
from medflow.domain.errors import Invalid, Unknown, _
from medflow.domain.figures import MIN_GROUP
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee
from medflow.services.figures.report import Table, committee_figures
from medflow.services.figures.work_environment import work_environment_counts
from medflow.services.meetings.planning import committee_by_key
from medflow.web.charts import bar_chart, svg_response
from medflow.web.figures import words

bp = Blueprint("figures", __name__)
YEARS = (2000, 2100)


def chosen_year() -> int:
    """Return the year asked for (`?year=`), else this year in the kommune's time zone."""
    raw = request.args.get("year")
    if raw is None:
        return local_date(utcnow()).year
    if not (raw.isascii() and raw.isdigit()) or not YEARS[0] <= int(raw) <= YEARS[1]:
        raise Invalid(_("year must be a year from %(low)s to %(high)s."), low=YEARS[0], high=YEARS[1])
    return int(raw)


def report(key: str) -> tuple[Committee, int, list[Table]]:
    """Return the committee (if the caller sits on it, or is an admin), the year and its tables."""
    committee = committee_by_key(db.session, current_user, key)
    year = chosen_year()
    return committee, year, committee_figures(db.session, committee, year)


def _table(tables: list[Table], table_id: str) -> Table:
    """Return the table `table_id` of the report, or raise Unknown."""
    found = next((t for t in tables if t.id == table_id), None)
    if found is None:
        raise Unknown(_("There is no table %(id)s."), id=table_id)
    return found


def _view(table: Table) -> dict:
    """Return what the page shows of a table: its title, headers and rows in words."""
    return {"id": table.id, "kind": table.kind, "title": words.TABLE_TITLES[table.id],
            "header": words.ROW_HEADERS[table.by], "years": table.years,
            "rows": [(label, [(words.cell_text(table.kind, c), c.hidden) for c in row.cells])
                     for label, row in zip(words.row_labels(table), table.rows, strict=True)],
            "empty": all(c.value is None and not c.hidden for row in table.rows for c in row.cells)}


@bp.get("/committees/<key>/figures")
@login_required
def page(key: str):
    """Show this year's and last year's key figures of the committee and of its units side by side."""
    committee, year, tables = report(key)
    sections = [(kind, words.KIND_TITLES[kind], words.KIND_NOTES[kind],
                 [_view(t) for t in tables if t.kind == kind]) for kind in words.KIND_TITLES]
    today = local_date(utcnow())
    return render_template("committees/figures.html", committee=committee, year=year, sections=sections,
                           min_group=MIN_GROUP, this_year=today.year,
                           we_rows=work_environment_counts(db.session, committee, year, today),
                           we_labels=words.WORK_ENVIRONMENT_LABELS)


@bp.get("/committees/<key>/figures/<table_id>.svg")
@login_required
def chart(key: str, table_id: str):
    """Draw one table as a bar chart, a bar per year; hidden and missing figures draw no bar."""
    _committee, _year, tables = report(key)
    table = _table(tables, table_id)
    series = [(str(year), [row.cells[i].value for row in table.rows]) for i, year in enumerate(table.years)]
    svg = bar_chart(str(words.TABLE_TITLES[table.id]), words.chart_labels(table), series,
                    lambda v: words.number(table.kind, v), horizontal=table.by != "months")
    return svg_response(svg)


@bp.get("/committees/<key>/figures/<table_id>.csv")
@login_required
def table_csv(key: str, table_id: str):
    """Download one table as CSV (semicolons and a BOM, as Danish spreadsheets open them)."""
    committee, _year, tables = report(key)
    table = _table(tables, table_id)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(words.ROW_HEADERS[table.by]), *table.years])
    for label, row in zip(words.row_labels(table), table.rows, strict=True):
        writer.writerow([label, *(words.cell_text(table.kind, c) for c in row.cells)])
    response = current_app.response_class("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{committee.key}-{table.id}.csv"'
    return response
