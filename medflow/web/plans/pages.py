"""/committees/KEY/plan: the strategy plan, its timeline (SVG), its export and its upload form.

Readers: the committee's own people and those of the committees below it; someone else gets 404.
The chart's figures are also in a table under it, for screen readers.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.domain.calendar import local_date
from medflow.domain.errors import DefinitionError, Unknown, _
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.services.plans import access
from medflow.services.plans.files import check_plan, export_plan, import_plan
from medflow.services.plans.views import load_plan, plan_view, tagged_counts
from medflow.services.queries import may_read_inbox
from medflow.web.charts import svg_response, timeline_chart
from medflow.web.plans.words import STATUS_LABELS

bp = Blueprint("plans", __name__)
MAX_UPLOAD = 1_000_000


def status_label(status: str) -> str:
    """Return an initiative status in the reader's language."""
    return str(STATUS_LABELS.get(status, status))


def _plan(key: str):
    """Return the committee and its plan (None when it has none) if the caller may read it."""
    committee = access.readable_committee(db.session, current_user, key)
    plan = access.current_plan(db.session, committee)
    return committee, load_plan(db.session, plan.id) if plan else None


@bp.get("/plans")
@login_required
def index():
    """List the strategy plans the person may read: their own committees' and those above them."""
    newest: dict[int, object] = {}
    for plan in access.readable_plans(db.session, current_user):
        newest.setdefault(plan.committee_id, plan)
    return render_template(
        "plans/index.html", plans=list(newest.values()), keeps=access.kept_committees(db.session, current_user)
    )


@bp.get("/committees/<key>/plan")
@login_required
def page(key: str):
    """Show the committee's strategy plan: vision, subjects, goals, initiatives and the timeline."""
    committee, plan = _plan(key)
    view = plan_view(plan, local_date(utcnow())) if plan else None
    others: dict[int, object] = {}
    for other in access.readable_plans(db.session, current_user):  # newest first: one per committee
        if other.committee_id != committee.id:
            others.setdefault(other.committee_id, other)
    return render_template(
        "plans/page.html",
        committee=committee,
        plan=plan,
        view=view,
        others=list(others.values()),
        inbox=may_read_inbox(db.session, current_user, committee),
        tagged=tagged_counts(db.session, current_user, plan) if plan else {},
        may_keep=access.may_keep(db.session, current_user, committee),
    )


@bp.get("/committees/<key>/plan/timeline.svg")
@login_required
def timeline_svg(key: str):
    """Draw the plan's timeline by quarter; overdue initiatives in red."""
    _committee, plan = _plan(key)
    if plan is None:
        raise Unknown(_("The committee has no strategy plan."))
    timeline = plan_view(plan, local_date(utcnow())).timeline
    svg = timeline_chart(
        gettext("When the initiatives are taken up"),
        timeline.quarter_labels(),
        [(row.label, row.active, row.overdue) for row in timeline.rows],
    )
    return svg_response(svg)


@bp.get("/committees/<key>/plan.yaml")
@login_required
def export(key: str):
    """Download the plan as YAML, the file shape the import reads."""
    committee, plan = _plan(key)
    if plan is None:
        raise Unknown(_("The committee has no strategy plan."))
    response = current_app.response_class(export_plan(plan), mimetype="application/yaml")
    response.headers["Content-Disposition"] = f'attachment; filename="{committee.key}-plan.yaml"'
    return response


def _upload_page(committee, status: int = 200, **shown):
    return render_template("plans/upload.html", committee=committee, **shown), status


@bp.get("/committees/<key>/plan/import")
@login_required
def upload_form(key: str):
    """Show the upload form for a plan file (the committee's officers and admins)."""
    committee = access.readable_committee(db.session, current_user, key)
    access.require_keeper(db.session, current_user, committee)
    return _upload_page(committee)


@bp.post("/committees/<key>/plan/import")
@login_required
def upload(key: str):
    """Check the uploaded plan whole; import it unless it has problems or only a check was asked for."""
    committee = access.readable_committee(db.session, current_user, key)
    access.require_keeper(db.session, current_user, committee)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _upload_page(committee, 400, problems=[gettext("Choose a plan file (YAML).")])
    name = upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    raw = upload.read(MAX_UPLOAD + 1)
    try:
        if len(raw) > MAX_UPLOAD:
            raise DefinitionError([])
        spec, _committee = check_plan(db.session, raw.decode("utf-8"), name, committee.key)
    except (DefinitionError, UnicodeDecodeError) as exc:
        db.session.rollback()
        problems = [str(p) for p in getattr(exc, "problems", [])] or [gettext("The file is not a plan file.")]
        return _upload_page(committee, 400, problems=problems, file=name)
    if request.form.get("check_only"):
        db.session.rollback()
        flash(gettext("%(file)s is in order. Nothing was written.", file=name), "success")
        return _upload_page(committee)
    import_plan(db.session, spec, committee, current_user)
    flash(gettext("%(file)s was imported.", file=name), "success")
    return redirect(url_for("plans.page", key=committee.key))
