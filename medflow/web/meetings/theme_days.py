"""Theme days on the pages: the officers' planning form, the invitees' answer and the publisher's turnout."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from sqlalchemy import select

from medflow.extensions import db
from medflow.notify import mail_settings
from medflow.persistence.models import Committee, Meeting
from medflow.services.meetings import planning
from medflow.services.meetings import theme_days as service
from medflow.services.meetings.invitations import THEME_DAY

bp = Blueprint("theme_days", __name__)
PLAN_FIELDS = ("date", "start_time", "end_time", "place", "online_link")
AUDIENCE_LABELS = {
    "committee": lazy_gettext("Members of %(name)s"),
    "amr": lazy_gettext("Every AMR (working-environment representative)"),
    "tr": lazy_gettext("Every TR (union representative)"),
    "leaders": lazy_gettext("Every leader"),
}


def _groups() -> list[service.Group]:
    """Return the target groups the form chose: chosen committees, and each role ticked, with their labels."""
    form = request.form
    groups = [service.Group("committee", key, form.get("committee_label", ""))
              for key in form.getlist("committees") if key]
    return groups + [service.Group(role, None, form.get(f"{role}_label", ""))
                     for role in ("amr", "tr", "leaders") if form.get(role)]


@bp.get("/committees/<key>/theme-days/new")
@login_required
def new(key: str):
    """Show the form to plan a theme day published by this committee (its officers)."""
    committee = planning.committee_by_key(db.session, current_user, key)
    planning.require_officer(db.session, current_user, committee.id)
    committees = db.session.scalars(select(Committee).where(Committee.closed_at.is_(None))
                                    .order_by(Committee.name)).all()
    return render_template("meetings/theme_day_new.html", committee=committee, committees=committees)


@bp.post("/committees/<key>/theme-days")
@login_required
def create(key: str):
    """Plan the theme day, tell the invitees and go to its page."""
    plan = planning.MeetingPlan(**{k: request.form.get(k) for k in PLAN_FIELDS})
    meeting = service.plan_theme_day(db.session, current_user, key, request.form.get("title"), plan, _groups(),
                                     mail=mail_settings())
    flash(gettext("The theme day is planned and the invitees are told."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.post("/meetings/<int:meeting_id>/signup")
@login_required
def signup(meeting_id: int):
    """Sign up for a theme day, or decline."""
    row = service.answer(db.session, current_user, meeting_id, request.form.get("coming"))
    flash(gettext("You are signed up.") if row.coming else gettext("Your answer is saved: you are not coming."),
          "success")
    return redirect(url_for("meetings.show", meeting_id=meeting_id))


def theme_day(meeting: Meeting) -> dict | None:
    """Return what the meeting page shows of a theme day (None for an ordinary meeting)."""
    if meeting.kind != THEME_DAY:
        return None
    roles = planning.committee_roles(db.session, current_user, meeting.committee_id)
    publisher = current_user.is_admin or bool(roles)
    return {"groups": service.target_groups(db.session, meeting), "labels": AUDIENCE_LABELS,
            "invited": service.is_invited(db.session, current_user, meeting),
            "answer": service.my_answer(db.session, current_user, meeting),
            "turnout": service.turnout(db.session, current_user, meeting) if publisher else None,
            "member": publisher}
