"""A case's place on an agenda: taking it off (its `unschedule` event, through the one case service)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.domain.errors import Unknown, _
from medflow.extensions import db
from medflow.persistence.models import MeetingItem
from medflow.services import cases as case_service
from medflow.services.meetings import planning
from medflow.workflows import engines

bp = Blueprint("meeting_cases", __name__)


@bp.post("/meeting-items/<int:item_id>/take-off")
@login_required
def take_off(item_id: int):
    """Take a case off this agenda; the case is back with the committee, no longer on an agenda."""
    item = db.session.get(MeetingItem, item_id)
    if item is None or item.case_id is None:
        raise Unknown(_("Item %(id)s was not found."), id=item_id)
    meeting_id = planning.visible_meeting(db.session, current_user, item.meeting_id).id
    case_service.fire_event(db.session, engines(), current_user, item.case_id, "unschedule",
                            request.form.get("case_version"), {})
    flash(gettext("The case was taken off the agenda."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting_id))
