"""The guideline register (/guidelines): in force by default, replaced and withdrawn on request."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required

from medflow.extensions import db
from medflow.services.guidelines import register as guidelines
from medflow.services.guidelines.standing import change_standing
from medflow.web.display import lang
from medflow.workflows import topics

bp = Blueprint("guidelines", __name__)


@bp.context_processor
def _my_committees() -> dict:
    """Let the pages link a meeting only for those who sit on its committee (others get its date)."""
    return {"my_committees": {m.committee_id for m in current_user.memberships}}
STATUS_LABELS = {
    "in_force": lazy_gettext("In force"),
    "replaced": lazy_gettext("Replaced"),
    "withdrawn": lazy_gettext("Withdrawn"),
    "all": lazy_gettext("All, also replaced and withdrawn"),
}


def _topic_labels() -> dict[str, str]:
    """Return each topic's label in the reader's language."""
    return {t.key: t.label.get(lang()) for t in topics().topics}


@bp.get("/guidelines")
@login_required
def register():
    """List the guidelines and policies the reader may read, by committee, in force unless asked."""
    show = request.args.get("show") if request.args.get("show") in guidelines.SHOW else guidelines.IN_FORCE
    committee = request.args.get("committee") or None
    topic = request.args.get("topic") or None
    rows = guidelines.register(db.session, current_user, show, committee, topic)
    everything = guidelines.register(db.session, current_user, "all")  # what the filters offer
    by_committee = [(holder, list(items)) for holder, items in groupby(rows, key=lambda g: g.case.holder)]
    return render_template(
        "guidelines/register.html", by_committee=by_committee, show=show, committee=committee,
        topic=topic, status_labels=STATUS_LABELS, topic_labels=_topic_labels(), count=len(rows),
        committees=sorted({(g.case.holder.key, g.case.holder.name) for g in everything}, key=lambda c: c[1]),
        topics=sorted({g.case.topic for g in everything if g.case.topic}),
        readable={g.case.id for g in everything},  # a replacement is named only to its readers
    )


@bp.get("/guidelines/<int:case_id>")
@login_required
def history(case_id: int):
    """Show one guideline's changes of standing: who, when, why."""
    entry = guidelines.find(db.session, current_user, case_id)
    keeps = guidelines.may_keep(db.session, current_user, entry.case)
    changes = guidelines.history(db.session, case_id)
    readable = guidelines.readable_ids(db.session, current_user, [c.replaced_by_id for c in changes
                                                                   if c.replaced_by_id is not None])
    return render_template("guidelines/history.html", entry=entry, status_labels=STATUS_LABELS, keeps=keeps,
                           changes=changes, readable=readable, topic_labels=_topic_labels(),
                           candidates=[g for g in guidelines.register(db.session, current_user)
                                       if g.case.id != case_id] if keeps else [])


@bp.post("/guidelines/<int:case_id>/standing")
@login_required
def standing(case_id: int):
    """Mark a guideline replaced, withdrawn or in force again (chair or secretary of its committee)."""
    form = request.form
    change_standing(db.session, current_user, case_id, form.get("status"), form.get("effective_on"),
                    form.get("note", ""), form.get("replaced_by") or None)
    flash(gettext("The guideline's standing is saved."), "success")
    return redirect(url_for("guidelines.history", case_id=case_id))
