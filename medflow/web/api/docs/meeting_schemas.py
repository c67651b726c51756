"""The OpenAPI component schemas of the meetings API: meetings, agenda items, lines and request bodies."""

from __future__ import annotations

from typing import Any

from medflow.domain.limits import ID_MAX, ORG_TEXT_MAX
from medflow.services.meetings.agenda import MAX_TEXT, MAX_TITLE
from medflow.services.meetings.communication import (
    AUDIENCES,
    CHANNELS,
    STORY_TEXT_MAX,
    STORY_TITLE_MAX,
    WHAT_MAX,
)
from medflow.services.meetings.minutes import MAX_MINUTES, POSTPONED
from medflow.services.meetings.planning import LINK_MAX, PLACE_MAX
from medflow.web.api.docs.schemas import (
    BOOL,
    DATE,
    DATETIME,
    ID,
    INT,
    KEY,
    NEW_EVENT,
    NULLABLE_STR,
    STR,
    obj,
    ref,
)

LIST = {"type": "array"}
CLOCK = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "HH:MM"}
VERSION = {"type": "integer", "minimum": 1, "maximum": ID_MAX,
           "description": "The version last read; an older one is refused with 409."}
NULLABLE_INT = {"type": ["integer", "null"]}


def _text(limit: int, required: bool = False) -> dict[str, Any]:
    """Return a free-text field of at most `limit` characters (at least one when it is required)."""
    return {"type": "string", "maxLength": limit, **({"minLength": 1} if required else {})}


LINE = obj({
    "id": INT, "what": STR, "audience": {"type": "string", "enum": list(AUDIENCES)},
    "workplace": NULLABLE_STR, "channel": {"type": "string", "enum": list(CHANNELS)}, "owner": STR,
    "owner_name": STR, "due_date": DATE, "story_title": NULLABLE_STR, "story_text": NULLABLE_STR,
}, ("id", "what", "audience", "workplace", "channel", "owner", "owner_name", "due_date", "story_title",
    "story_text"))
ITEM_CASE = obj({"id": INT, "state": STR, "holder": STR, "version": INT, "topic": NULLABLE_STR},
                ("id", "state", "holder", "version", "topic"))
ITEM_KINDS = ("case", "free", "standing", "closing", "communication", "moved", "annual")
ITEM_PROPS = {
    "id": INT, "position": INT, "kind": {"type": "string", "enum": list(ITEM_KINDS)},
    "title": STR, "text": STR, "internal": BOOL, "version": INT,
    "case": {"oneOf": [{"type": "null"}, ITEM_CASE]}, "case_version": NULLABLE_INT, "minutes": STR,
    "decision": NULLABLE_STR, "decision_data": {"type": "object"}, "recorded_by": NULLABLE_STR,
    "recorded_at": DATETIME, "lines": {**LIST, "items": ref("CommunicationLine")},
    "moved_to": {**NULLABLE_INT, "description": "Kind `moved`: the meeting the case was moved to."},
    "moved_from": {**NULLABLE_INT, "description": "The meeting whose published agenda it was moved from."},
}
APPROVAL = obj({"side": {"type": "string", "enum": ["chair", "vice_chair"]}, "by": STR, "by_name": STR,
                "at": DATETIME}, ("side", "by", "by_name", "at"))
ATTENDEE = obj({"person": STR, "name": STR, "present": BOOL}, ("person", "name", "present"))
MEETING_PROPS = {
    "id": INT, "committee": STR, "committee_name": STR, "date": DATE, "start_time": CLOCK, "end_time": CLOCK,
    "place": STR, "online_link": STR, "status": {"type": "string", "enum": ["planned", "cancelled"]},
    "version": INT, "agenda_published_at": DATETIME, "approved_at": DATETIME, "approved_by": NULLABLE_STR,
    "approvals": {**LIST, "items": APPROVAL,
                  "description": "Each side's approval; the minutes are final when `approved_at` is set."},
    "minute_taker": NULLABLE_STR, "attendance": {**LIST, "items": ATTENDEE},
}
ADDENDUM = obj({"text": STR, "author": STR, "at": DATETIME}, ("text", "author", "at"))
MEETING = obj({**MEETING_PROPS, "items": {**LIST, "items": ref("MeetingItem")},
               "addenda": {**LIST, "items": ADDENDUM}}, (*MEETING_PROPS, "items", "addenda"))
PUBLIC_MINUTES = obj({**MEETING_PROPS, "items": {**LIST, "items": obj({"title": STR, "minutes": STR},
                                                                       ("title", "minutes"))},
                      "lines": {**LIST, "items": ref("CommunicationLine")}}, (*MEETING_PROPS, "items", "lines"))

PLAN_PROPS = {"date": {**DATE, "description": "Today or later (within the date window)."},
              "start_time": {**CLOCK, "default": "09:00"}, "end_time": {**CLOCK, "default": "11:00"},
              "place": _text(PLACE_MAX), "online_link": _text(LINK_MAX)}
NEW_MEETING = obj(PLAN_PROPS, ("date",), description="end_time must be after start_time.")
MOVE_MEETING = obj({"version": VERSION, **PLAN_PROPS}, ("version", "date"))
MEETING_VERSION = obj({"version": VERSION}, ("version",))
NEW_ITEM = obj({"version": VERSION, "title": _text(MAX_TITLE, True), "text": _text(MAX_TEXT), "internal": BOOL,
                "case": ID}, ("version",),
               description="A free item: `title` (and `text`), `version` the meeting's. A case: `case` and "
                           "`version` the case's; it is put on the agenda by the case's `schedule` event.")
ORDER = obj({"version": VERSION, "order": {**LIST, "items": ID, "uniqueItems": True,
                                           "description": "Every item id but the communication item's."}},
            ("version", "order"))
EVENT_FIELD_PROPS = {k: v for k, v in NEW_EVENT["properties"].items() if k not in ("event", "version")}
CASE_VERSION_NOTE = ("The case's version as the client read it (default: as put on the agenda); "
                     "changed since: 409.")
MINUTES = obj({"version": {**VERSION, "description": "The item's version."}, "minutes": _text(MAX_MINUTES),
               "decision": {**KEY, "description": f"A case item's decision: an event the case allows now, "
                                                  f"or `{POSTPONED}`."},
               "case_version": {**VERSION, "description": CASE_VERSION_NOTE},
               "internal": BOOL, **EVENT_FIELD_PROPS}, ("version",),
              description="The event fields go with a decision to the case's event; a field the decision "
                          "does not take (or one without a decision) is a 400.")
NEW_LINE = obj({
    "version": VERSION, "what": _text(WHAT_MAX, True), "audience": {"type": "string", "enum": list(AUDIENCES)},
    "channel": {"type": "string", "enum": list(CHANNELS)},
    "owner": {"type": "string", "maxLength": ORG_TEXT_MAX["person.email"], "description": "An e-mail."},
    "due_date": DATE, "workplace": {**KEY, "description": "With audience `workplace`: a committee under "
                                                           "the meeting's."},
    "story_title": _text(STORY_TITLE_MAX), "story_text": _text(STORY_TEXT_MAX),
}, ("version", "what", "audience", "channel", "owner", "due_date"),
    description="With channel `newsletter`, story_title and story_text are required.")
EMAILS = {**LIST, "items": {"type": "string", "maxLength": ORG_TEXT_MAX["person.email"]},
          "description": "E-mails of members of the committee."}
ATTENDANCE = obj({"version": VERSION, "present": EMAILS, "apologies": EMAILS,
                  "minute_taker": {"type": ["string", "null"], "maxLength": ORG_TEXT_MAX["person.email"]}},
                 ("version",), description="Replaces what was recorded before.")
ADDENDUM_BODY = obj({"text": _text(MAX_MINUTES, True)}, ("text",))

MEETING_SCHEMAS: dict[str, Any] = {
    "Meeting": MEETING, "MeetingSummary": obj(MEETING_PROPS, tuple(MEETING_PROPS)),
    "MeetingItem": obj(ITEM_PROPS, tuple(ITEM_PROPS)), "CommunicationLine": LINE,
    "PublicMinutes": PUBLIC_MINUTES, "NewMeeting": NEW_MEETING, "MoveMeeting": MOVE_MEETING,
    "MeetingVersion": MEETING_VERSION, "NewMeetingItem": NEW_ITEM, "AgendaOrder": ORDER, "Minutes": MINUTES,
    "NewCommunicationLine": NEW_LINE, "NewAddendum": ADDENDUM_BODY, "Attendance": ATTENDANCE,
}
