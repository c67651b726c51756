"""The members' training page `/committees/KEY/training`: each member's status, and the secretary's form."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.domain.calendar import local_date
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.services.annual import content, discussion
from medflow.services.annual import training as training_service
from medflow.services.meetings.planning import OFFICERS, committee_by_key, committee_roles
from medflow.web.annual.pages import bp
from medflow.web.annual.words import template_helpers

__all__ = ["bp"]


@bp.get("/committees/<key>/training")
@login_required
def training(key: str):
    """Show each member's courses (missing, due, done); officers record a course taken."""
    committee = committee_by_key(db.session, current_user, key)
    today = local_date(utcnow())
    rows = content.training_rows(db.session, [committee], today)
    officer = current_user.is_admin or bool(
        committee_roles(db.session, current_user, committee.id) & set(OFFICERS)
    )
    return render_template(
        "annual/training.html",
        committee=committee,
        data={"training": rows, "rolled_up": False},
        officer=officer,
        members=discussion.members_of(db.session, committee),
        today=today,
        **template_helpers(),
    )


@bp.post("/committees/<key>/training")
@login_required
def record(key: str):
    """Record that a member took a course (the committee's chair, vice chair or secretary)."""
    committee = committee_by_key(db.session, current_user, key)
    form = request.form
    training_service.record_training(
        db.session,
        current_user,
        committee,
        form.get("member"),
        form.get("course"),
        form.get("taken_on"),
        form.get("note"),
    )
    flash(gettext("The course is recorded."), "success")
    return redirect(url_for("annual.training", key=key))
