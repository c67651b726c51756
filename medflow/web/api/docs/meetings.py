"""The meetings API in the OpenAPI document: plan, agenda, minutes and decisions, approval, information."""

from __future__ import annotations

from typing import Any

from medflow.web.api.docs.meeting_schemas import MEETING_SCHEMAS, VERSION
from medflow.web.api.docs.operations import op, path_id
from medflow.web.api.docs.schemas import KEY, STR, obj, ref

MEETING = [path_id("meeting_id")]
ITEM = [path_id("item_id")]
VERSION_QUERY = {"name": "version", "in": "query", "required": True, "schema": VERSION}
OFFICER = "Officers (chair, vice chair, secretary) of the meeting's committee only."


def _change(op_id: str, summary: str, body: str, *, answer: str = "Meeting", status: int = 200,
            params: list[dict[str, Any]] = MEETING) -> dict[str, Any]:
    """Return an operation that changes a meeting: refused 403 (role), 404 (not seen), 409 (stale, closed)."""
    return op(op_id, summary, ref(answer), 403, 404, 409, status=status, body=ref(body), params=params)


MEETING_PATHS: dict[str, Any] = {
    "/committees/{key}/meetings": {
        "get": op("listMeetings", "A committee's meetings, newest first (members and admins).",
                  obj({"committee": STR, "meetings": {"type": "array", "items": ref("MeetingSummary")}},
                      ("committee", "meetings")), 404,
                  params=[{"name": "key", "in": "path", "required": True, "schema": KEY}]),
        "post": op("createMeeting", f"Plan a meeting with its communication item. {OFFICER}", ref("Meeting"),
                   403, 404, status=201, body=ref("NewMeeting"),
                   params=[{"name": "key", "in": "path", "required": True, "schema": KEY}]),
    },
    "/meetings/{meeting_id}": {
        "get": op("showMeeting", "A meeting with its items and addenda (members and admins).", ref("Meeting"),
                  404, params=MEETING),
        "delete": op("deleteMeeting", f"Delete a meeting planned by mistake (no items, agenda not published). "
                     f"{OFFICER}", None, 403, 404, 409, status=204, params=[*MEETING, VERSION_QUERY]),
    },
    "/meetings/{meeting_id}/move": {"post": _change(
        "moveMeeting", "Move a meeting (date, times, place); members are told and its cases follow.",
        "MoveMeeting")},
    "/meetings/{meeting_id}/cancel": {"post": _change(
        "cancelMeeting", "Cancel a meeting without cases on its agenda; members are told.", "MeetingVersion")},
    "/meetings/{meeting_id}/items": {"post": op(
        "addMeetingItem", f"Add a free item (answer: the item), or put a case on the agenda through its "
        f"`schedule` event (answer: the meeting). {OFFICER}",
        {"anyOf": [ref("MeetingItem"), ref("Meeting")]}, 403, 404, 409, status=201,
        body=ref("NewMeetingItem"), params=MEETING)},
    "/meetings/{meeting_id}/order": {"post": _change(
        "reorderAgenda", "Reorder the agenda; the communication item stays last.", "AgendaOrder")},
    "/meetings/{meeting_id}/publish": {"post": _change(
        "publishAgenda", "Publish (or republish) the agenda; members are told.", "MeetingVersion")},
    "/meetings/{meeting_id}/lines": {"post": _change(
        "addCommunicationLine", "Add a line (who informs whom, how, by when) to the communication item.",
        "NewCommunicationLine", answer="CommunicationLine", status=201)},
    "/meetings/{meeting_id}/approve": {"post": _change(
        "approveMinutes", "Approve the minutes for the caller's side (the chair, the vice chair), from the "
        "meeting's start; the first approval freezes the text, and once both sides have approved (the chair "
        "alone where MINUTES_ONE_APPROVER says so) the minutes are final and undecided cases go on to the "
        "next meeting.", "MeetingVersion")},
    "/meetings/{meeting_id}/approve/withdraw": {"post": _change(
        "withdrawApproval", "Take back one's own approval while the other side's is outstanding.",
        "MeetingVersion")},
    "/meetings/{meeting_id}/attendance": {"post": _change(
        "recordAttendance", f"Record who was present, who sent apologies and who took the minutes. {OFFICER}",
        "Attendance")},
    "/meetings/{meeting_id}/addenda": {"post": _change(
        "addAddendum", f"Add a dated correction to approved minutes. {OFFICER}", "NewAddendum", status=201)},
    "/meeting-items/{item_id}/minutes": {"post": _change(
        "recordMinutes", f"Record an item's minutes and, for a case, its decision (fired as the case's event). "
        f"{OFFICER}", "Minutes", answer="MeetingItem", params=ITEM)},
    "/meeting-items/{item_id}": {"delete": op(
        "removeMeetingItem", f"Take a free item off the agenda (`version`: the meeting's). {OFFICER}", None,
        403, 404, 409, status=204, params=[*ITEM, VERSION_QUERY])},
    "/information/minutes": {"get": op(
        "informationMinutes", "Approved minutes of the caller's workplace and the committees above it: "
        "public items (not internal, no confidential case) and lines for employees.",
        obj({"minutes": {"type": "array", "items": ref("PublicMinutes")}}, ("minutes",)))},
}
MEETING_COMPONENTS = MEETING_SCHEMAS
