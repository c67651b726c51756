"""Admin pages for committees: list, create, rename, move, close, and the roles in each."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext

from medflow.domain.definitions import COMMITTEE_ROLES
from medflow.extensions import db
from medflow.services.admin import committees as service
from medflow.services.admin import lookup, queries
from medflow.services.admin import people as people_service
from medflow.web.admin.audit_words import SIDE_WORDS
from medflow.web.admin.guard import actor, bp
from medflow.workflows import engines


@bp.get("/")
def index():
    """Start the administration at the committees."""
    return redirect(url_for("admin.committees"))


@bp.get("/committees")
def committees():
    """List every committee with its level, parent and cost centre; offer to create one."""
    return render_template("admin/committees.html", committees=queries.all_committees(db.session),
                           levels=queries.levels(db.session))


@bp.post("/committees")
def create_committee():
    """Create a committee from the form."""
    f = request.form
    committee = service.create_committee(db.session, actor(), key=f.get("key"), name=f.get("name"),
                                         level=f.get("level"), parent=f.get("parent") or None,
                                         cost_centre=f.get("cost_centre"))
    flash(gettext("Committee %(name)s created.", name=committee.name), "success")
    return redirect(url_for("admin.committee", key=committee.key))


@bp.get("/committees/<key>")
def committee(key: str):
    """Show one committee: rename, move, close, and its people's roles."""
    found = lookup.committee(db.session, key, "key", open_only=False)
    return render_template("admin/committee.html", committee=found,
                           committees=queries.open_committees(db.session),
                           memberships=queries.memberships(db.session, found),
                           people=queries.active_people(db.session), roles=COMMITTEE_ROLES,
                           side_words=SIDE_WORDS, open_cases=service.open_cases(db.session, found))


@bp.post("/committees/<key>/rename")
def rename_committee(key: str):
    """Rename a committee."""
    found = service.rename_committee(db.session, actor(), key, request.form.get("name"))
    flash(gettext("Renamed to %(name)s.", name=found.name), "success")
    return redirect(url_for("admin.committee", key=key))


@bp.post("/committees/<key>/cost-centre")
def set_cost_centre(key: str):
    """Set the committee's cost-centre code."""
    service.set_cost_centre(db.session, actor(), key, request.form.get("cost_centre"))
    flash(gettext("Cost centre saved."), "success")
    return redirect(url_for("admin.committee", key=key))


@bp.post("/committees/<key>/move")
def move_committee(key: str):
    """Put a committee under another parent."""
    found = service.move_committee(db.session, actor(), key, request.form.get("parent"))
    flash(gettext("%(name)s now sits under %(parent)s.", name=found.name, parent=found.parent.name), "success")
    return redirect(url_for("admin.committee", key=key))


@bp.post("/committees/<key>/close")
def close_committee(key: str):
    """Close a committee once the admin has seen which open cases move where and confirmed it."""
    if request.form.get("confirm") != "yes":
        found, heir, cases = service.preview_close(db.session, key, request.form.get("successor"))
        return render_template("admin/close_confirm.html", committee=found, heir=heir, cases=cases)
    found, moved = service.close_committee(db.session, engines(), actor(), key, request.form.get("successor"))
    flash(gettext("%(name)s is closed; %(n)s open case(s) moved to the committee that took over.",
                  name=found.name, n=moved), "success")
    return redirect(url_for("admin.committee", key=key))


@bp.post("/committees/<key>/roles")
def add_role(key: str):
    """Give someone a role in the committee."""
    f = request.form
    people_service.add_role(db.session, actor(), key, f.get("email"), f.get("role"), f.get("side"))
    flash(gettext("Role added."), "success")
    return redirect(url_for("admin.committee", key=key))


@bp.post("/committees/<key>/roles/side")
def set_side(key: str):
    """Move a member to management's side or the employees' (theme days invite "every leader")."""
    f = request.form
    people_service.set_side(db.session, actor(), key, f.get("email"), f.get("role"), f.get("side"))
    flash(gettext("Side changed."), "success")
    return redirect(url_for("admin.committee", key=key))


@bp.post("/committees/<key>/roles/remove")
def remove_role(key: str):
    """Take a role away (the last chair only with a successor)."""
    f = request.form
    people_service.remove_role(db.session, actor(), key, f.get("email"), f.get("role"),
                               successor=f.get("successor") or None)
    flash(gettext("Role removed."), "success")
    return redirect(url_for("admin.committee", key=key))
