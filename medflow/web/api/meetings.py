"""Meetings under /api/v1 (bearer tokens): plan, agenda, minutes and decisions, approval."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user

from medflow.domain import values
from medflow.domain.definitions import EVENT_FIELDS
from medflow.domain.errors import Invalid, _
from medflow.extensions import db
from medflow.notify import mail_settings
from medflow.services import cases as case_service
from medflow.services.meetings import agenda, approval, attendance, communication, minutes, planning
from medflow.services.visibility import fully_visible_ids
from medflow.web.api.cases import json_body
from medflow.web.meetings.serialize import item_json, line_json, meeting_json
from medflow.web.meetings.views import readable_cases
from medflow.workflows import engines

bp = Blueprint("meetings", __name__)  # under /api/v1 (medflow.web.api)
PLAN_FIELDS = ("date", "start_time", "end_time", "place", "online_link")
LINE_FIELDS = ("what", "audience", "channel", "owner", "due_date", "workplace", "story_title", "story_text")


def _plan(body: dict) -> planning.MeetingPlan:
    return planning.MeetingPlan(**{k: body.get(k) for k in PLAN_FIELDS})


def _flag(body: dict, name: str) -> bool:
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise Invalid(_("%(field)s must be true or false."), field=name)
    return value


def _meeting_response(meeting_id: int, status: int = 200):
    db.session.expire_all()
    meeting = planning.visible_meeting(db.session, current_user, meeting_id)
    return jsonify(meeting_json(meeting, readable_cases(meeting))), status


@bp.get("/committees/<key>/meetings")
def list_meetings(key: str):
    """Return a committee's meetings, newest first."""
    committee = planning.committee_by_key(db.session, current_user, key)
    found = planning.committee_meetings(db.session, committee.id)
    return jsonify(committee=key, meetings=[meeting_json(m) for m in found])


@bp.post("/committees/<key>/meetings")
def create_meeting(key: str):
    """Plan a meeting."""
    meeting = planning.create_meeting(db.session, current_user, key, _plan(json_body()))
    return _meeting_response(meeting.id, 201)


@bp.get("/meetings/<int:meeting_id>")
def show_meeting(meeting_id: int):
    """Return a meeting with its items."""
    return _meeting_response(meeting_id)


@bp.post("/meetings/<int:meeting_id>/move")
def move_meeting(meeting_id: int):
    """Move a meeting (date, times, place); members are told."""
    body = json_body()
    planning.move_meeting(db.session, current_user, meeting_id, body.get("version"), _plan(body),
                          engines=engines(), mail=mail_settings())
    return _meeting_response(meeting_id)


@bp.post("/meetings/<int:meeting_id>/cancel")
def cancel_meeting(meeting_id: int):
    """Cancel a meeting; members are told."""
    version = json_body().get("version")
    planning.cancel_meeting(db.session, current_user, meeting_id, version, mail=mail_settings())
    return _meeting_response(meeting_id)


@bp.delete("/meetings/<int:meeting_id>")
def delete_meeting(meeting_id: int):
    """Delete a meeting that has no items yet."""
    planning.delete_meeting(db.session, current_user, meeting_id, request.args.get("version"))
    return "", 204


@bp.post("/meetings/<int:meeting_id>/items")
def add_item(meeting_id: int):
    """Add a free item, or put a case on the agenda (`case` and its `version`: the `schedule` event)."""
    body = json_body()
    if body.get("case") is not None:
        case_id = values.ident("case", body["case"])
        case_service.fire_event(db.session, engines(), current_user, case_id, "schedule", body.get("version"),
                                {"meeting": str(meeting_id), "confirm_move": body.get("confirm_move", "")})
        return _meeting_response(meeting_id, 201)
    item = agenda.add_free_item(db.session, current_user, meeting_id, body.get("version"), body.get("title"),
                                body.get("text") or "", _flag(body, "internal"))
    return jsonify(item_json(item, set())), 201  # a free item: no case to hide


@bp.post("/meetings/<int:meeting_id>/order")
def reorder(meeting_id: int):
    """Reorder the agenda (`order`: item ids; the communication item stays last)."""
    body = json_body()
    agenda.reorder(db.session, current_user, meeting_id, body.get("version"), body.get("order"))
    return _meeting_response(meeting_id)


@bp.post("/meetings/<int:meeting_id>/publish")
def publish(meeting_id: int):
    """Publish the agenda; members are told."""
    version = json_body().get("version")
    agenda.publish_agenda(db.session, current_user, meeting_id, version, mail=mail_settings())
    return _meeting_response(meeting_id)


@bp.post("/meeting-items/<int:item_id>/minutes")
def record(item_id: int):
    """Record an item's minutes and (for a case) its decision, fired as the case's event."""
    body = json_body()
    fields = {k: body[k] for k in EVENT_FIELDS if k in body}
    item = minutes.record_minutes(db.session, engines(), current_user, item_id, body.get("version"),
                                  body.get("minutes"), body.get("decision"), fields, _flag(body, "internal"),
                                  case_version=body.get("case_version"))
    db.session.expire_all()
    return jsonify(item_json(item, fully_visible_ids(db.session, current_user, [item.case_id])))


@bp.post("/meetings/<int:meeting_id>/lines")
def add_line(meeting_id: int):
    """Add a line to the communication item."""
    body = json_body()
    new = communication.NewLine(**{k: body.get(k) for k in LINE_FIELDS})
    line = communication.add_line(db.session, current_user, meeting_id, body.get("version"), new)
    return jsonify(line_json(line)), 201


@bp.post("/meetings/<int:meeting_id>/approve")
def approve(meeting_id: int):
    """Approve the minutes for my side (the chair or the vice chair); final once both have."""
    minutes.approve(db.session, engines(), current_user, meeting_id, json_body().get("version"),
                    mail=mail_settings(), one_approver=current_app.config.get("MINUTES_ONE_APPROVER"))
    return _meeting_response(meeting_id)


@bp.post("/meetings/<int:meeting_id>/approve/withdraw")
def withdraw_approval(meeting_id: int):
    """Take back my approval while the other side's is outstanding."""
    approval.withdraw_approval(db.session, current_user, meeting_id, json_body().get("version"))
    return _meeting_response(meeting_id)


@bp.post("/meetings/<int:meeting_id>/attendance")
def record_attendance(meeting_id: int):
    """Record attendance: `present` and `apologies` (e-mails of members), `minute_taker` (an e-mail)."""
    body = json_body()
    attendance.record_attendance(db.session, current_user, meeting_id, body.get("version"), body.get("present"),
                                 body.get("apologies"), body.get("minute_taker"))
    return _meeting_response(meeting_id)


@bp.post("/meetings/<int:meeting_id>/addenda")
def add_addendum(meeting_id: int):
    """Add a dated correction to approved minutes."""
    minutes.add_addendum(db.session, current_user, meeting_id, json_body().get("text"))
    return _meeting_response(meeting_id, 201)


@bp.get("/information/minutes")
def information_minutes():
    """Return the approved minutes shown to the caller under "Information fra ledelsen/MED"."""
    found = communication.information_for(db.session, current_user)
    return jsonify(minutes=[_public_minutes(m) for m in found])


def _public_minutes(meeting) -> dict:
    items = [{"title": i.title, "minutes": i.minutes} for i in communication.public_items(meeting)]
    lines = [line_json(x) for x in communication.public_lines(meeting)]
    return {**meeting_json(meeting), "items": items, "lines": lines}


@bp.delete("/meeting-items/<int:item_id>")
def remove_item(item_id: int):
    """Take a free item off the agenda (`version`: the meeting's)."""
    agenda.remove_item(db.session, current_user, item_id, request.args.get("version"))
    return "", 204
