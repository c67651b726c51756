"""A committee's standing items, edited by its officers on the committee's meeting list."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.extensions import db
from medflow.services.meetings import standing_edit

bp = Blueprint("meeting_standing", __name__)


@bp.post("/committees/<key>/standing-items")
@login_required
def save(key: str):
    """Replace the committee's standing items for the meetings it plans from now on."""
    form = request.form
    standing_edit.set_standing_items(db.session, current_user, key, form.get("start"), form.get("end"))
    flash(gettext("The standing items are saved; meetings planned from now on get them."), "success")
    return redirect(url_for("meetings.committee_list", key=key))
