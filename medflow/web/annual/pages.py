"""The annual pack `/committees/KEY/annual/YEAR`: page, print and PDF; its sections and last year's goals.

Members of the committee and admins see it (others get 404, as on the committee's meetings). Case
titles go through the visibility rule here, whether the pack is live or frozen.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.domain.calendar import local_date
from medflow.domain.errors import Unknown, _
from medflow.domain.visibility import Level
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.services.annual import discussion
from medflow.services.meetings.planning import OFFICERS, committee_by_key, committee_roles
from medflow.services.visibility import fully_visible_ids, ids_seen_at_least
from medflow.web.annual.words import template_helpers
from medflow.web.display import state_label
from medflow.web.meetings.pdf import pdf_response

bp = Blueprint("annual", __name__)
YEARS = (2000, 2100)


def _context(key: str, year: int) -> dict:
    """Return everything the pack's page and PDF need, for the current reader."""
    if not YEARS[0] <= year <= YEARS[1]:
        raise Unknown(_("There is no annual discussion for %(year)s."), year=year)
    committee = committee_by_key(db.session, current_user, key)
    pack = discussion.pack_of(db.session, committee, year)
    data = discussion.pack_content(db.session, committee, year)
    below = discussion.content.subtree(committee)[1:]
    data = {
        **data,
        "units": discussion.content.held_list(db.session, below, year),
    }  # held or not: always today's
    case_ids = [c["id"] for c in data["cases"]]
    readable = fully_visible_ids(db.session, current_user, case_ids)
    # The rule's COUNTED: a case the reader may not see even redacted counts in the figures, unlisted
    seen = ids_seen_at_least(db.session, current_user, case_ids, Level.REDACTED)
    listed = [c for c in data["cases"] if c["id"] in seen]
    officer = bool(committee_roles(db.session, current_user, committee.id) & set(OFFICERS))
    meeting = pack.item.meeting if pack is not None and pack.item is not None else None
    editable = (
        officer
        and meeting is not None
        and pack.frozen_at is None
        and meeting.approved_at is None
        and not meeting.approvals
    )
    members = discussion.members_of(db.session, committee) if editable else []
    return {
        "committee": committee,
        "year": year,
        "pack": pack,
        "data": data,
        "readable": readable,
        "listed": listed,
        "unlisted": len(data["cases"]) - len(listed),
        "meeting": meeting,
        "editable": editable,
        "members": members,
        "state_label": state_label,
        "this_year": local_date(utcnow()).year,
        **template_helpers(),
    }


@bp.get("/committees/<key>/annual")
@login_required
def this_year(key: str):
    """Go to this year's pack."""
    return redirect(url_for("annual.page", key=key, year=local_date(utcnow()).year))


@bp.get("/committees/<key>/annual/<int:year>")
@login_required
def page(key: str, year: int):
    """Show the committee's annual pack for `year` (printable: the print stylesheet hides the forms)."""
    return render_template("annual/pack.html", **_context(key, year))


@bp.get("/committees/<key>/annual/<int:year>.pdf")
@login_required
def pdf(key: str, year: int):
    """Download the pack as PDF, made from the same template as the page."""
    return pdf_response("annual/pack.html", f"arbejdsmiljoedroeftelse-{key}-{year}.pdf", **_context(key, year))


def _goals_from_form() -> list[dict]:
    """Read the goal rows of the sections form (text, owner e-mail, due date per row)."""
    form = request.form
    return [
        {"text": t, "owner": o, "due_on": d}
        for t, o, d in zip(
            form.getlist("goal_text"), form.getlist("goal_owner"), form.getlist("goal_due"), strict=False
        )
    ]


@bp.post("/committees/<key>/annual/<int:year>/sections")
@login_required
def sections(key: str, year: int):
    """Save the sections the minutes record (officers, while the minutes are a draft)."""
    committee = committee_by_key(db.session, current_user, key)
    discussion.save_sections(db.session, current_user, committee, year, request.form, _goals_from_form())
    flash(gettext("The sections of the annual discussion are saved."), "success")
    return redirect(url_for("annual.page", key=key, year=year, _anchor="sections"))


@bp.post("/committees/<key>/annual/<int:year>/goals/<int:goal_id>")
@login_required
def follow_up(key: str, year: int, goal_id: int):
    """Record how one of last year's goals went."""
    committee = committee_by_key(db.session, current_user, key)
    discussion.follow_up_goal(
        db.session, current_user, committee, year, goal_id, request.form.get("status"), request.form.get("note")
    )
    flash(gettext("The goal's follow-up is saved."), "success")
    return redirect(url_for("annual.page", key=key, year=year, _anchor="goals"))


@bp.post("/meetings/<int:meeting_id>/annual")
@login_required
def put_on_agenda(meeting_id: int):
    """Put the committee's annual discussion of a year on this meeting's agenda."""
    pack = discussion.put_on_agenda(
        db.session, current_user, meeting_id, request.form.get("version"), request.form.get("year")
    )
    flash(gettext("The annual work-environment discussion is on the agenda."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor=f"item-{pack.item_id}"))
