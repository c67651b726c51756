"""Where a meeting stands, in words: planned, in progress, held; the minutes a draft or approved."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext
from flask_login import current_user

from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Meeting
from medflow.services.meetings import approval, planning, timing

SIDE_LABELS = {"chair": lazy_gettext("the chair (management)"),
               "vice_chair": lazy_gettext("the vice chair (employees)")}


def meeting_status(meeting: Meeting) -> str:
    """Return the meeting's status: held only once it has taken place."""
    now = utcnow()
    if meeting.status == "cancelled":
        return str(lazy_gettext("Cancelled"))
    if timing.has_taken_place(meeting, now):
        return str(lazy_gettext("Held"))
    if timing.has_started(meeting, now):
        return str(lazy_gettext("In progress"))
    if meeting.agenda_published_at:
        return str(lazy_gettext("Agenda published"))
    return str(lazy_gettext("Planned"))


def minutes_status(meeting: Meeting) -> str:
    """Return the minutes' status: approved, a draft once the meeting has begun, else nothing yet."""
    if meeting.approved_at:
        return str(lazy_gettext("Approved"))
    if meeting.status != "cancelled" and timing.has_started(meeting, utcnow()):
        return str(lazy_gettext("Draft"))
    return ""


def approval_context(meeting: Meeting) -> dict:
    """Return what the minutes page shows and offers about approval, for the logged-in person."""
    setting = current_app.config.get("MINUTES_ONE_APPROVER")
    roles = planning.committee_roles(db.session, current_user, meeting.committee_id)
    missing = approval.missing_sides(db.session, meeting, setting)
    approved_by_me = any(a.person_id == current_user.id for a in meeting.approvals)
    started = timing.has_started(meeting, utcnow())
    is_open = meeting.approved_at is None and meeting.status == "planned"
    return {"started": started, "draft": meeting.approved_at is None,
            "frozen": bool(meeting.approvals) and meeting.approved_at is None,
            "missing_sides": [str(SIDE_LABELS[s]) for s in missing], "side_labels": SIDE_LABELS,
            "can_approve": is_open and started and not approved_by_me and bool(set(missing) & roles),
            "can_withdraw": is_open and approved_by_me}
