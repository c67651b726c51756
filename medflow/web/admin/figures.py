"""/admin/figures: an administrator uploads HR's key-figure files, checks them, and imports them whole.

The same plan and import as `medflow figures import`: every problem is listed with its line and
nothing is written; a clean file replaces the periods it covers and says how many rows changed.
"""

from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext

from medflow.domain.errors import DefinitionError, Problem
from medflow.domain.figures import KINDS
from medflow.domain.figures_csv import FigureProblem, decode, parse_figures_csv
from medflow.extensions import db
from medflow.services.figures.importer import apply_figures, plan_figures
from medflow.web.admin.guard import actor, bp
from medflow.web.figures.words import KIND_TITLES


def problem_text(problem: Problem) -> str:
    """Return a problem as FILE:LINE: message, the message in the reader's language where it can be."""
    if not isinstance(problem, FigureProblem):
        return str(problem)
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    return f"{where}: {gettext(problem.template, **problem.params)}"


def _page(status: int = 200, **shown):
    """Render the upload page with the kinds to choose from and whatever the last upload showed."""
    return render_template("admin/figures.html", kinds=[(k, KIND_TITLES[k]) for k in KINDS],
                           **shown), status


@bp.get("/figures")
def figures():
    """Show the upload form and the columns each kind of file has."""
    return _page()


@bp.post("/figures")
def import_figures():
    """Check the uploaded file whole; import it unless it has problems or only a check was asked for."""
    kind, upload = request.form.get("kind"), request.files.get("file")
    if kind not in KINDS or upload is None or not upload.filename:
        return _page(400, problems=[gettext("Choose the kind of figures and a CSV file.")], kind=kind)
    name = upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    try:
        parsed = parse_figures_csv(decode(upload.read()), name, kind)
        plan = plan_figures(db.session, parsed)
    except DefinitionError as exc:
        db.session.rollback()
        return _page(400, problems=[problem_text(p) for p in exc.problems], kind=kind, file=name)
    counts = plan.counts()
    if request.form.get("check_only"):
        db.session.rollback()
        flash(gettext("%(file)s is in order. Importing it would add %(added)s, change %(changed)s and remove "
                      "%(removed)s rows (%(unchanged)s unchanged). Nothing was written.", file=name, **counts),
              "success")
        return _page(kind=kind)
    apply_figures(db.session, actor(), parsed, plan)
    flash(gettext("%(file)s was imported: %(added)s rows added, %(changed)s changed, %(removed)s removed, "
                  "%(unchanged)s unchanged.", file=name, **counts), "success")
    return _page(kind=kind)
