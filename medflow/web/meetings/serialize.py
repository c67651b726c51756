"""Meetings as JSON (keys match the form fields; a contract like the rest of the API)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext

from medflow.persistence.models import CommunicationLine, Meeting, MeetingItem

CONFIDENTIAL = lazy_gettext("Confidential case")


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def line_json(line: CommunicationLine) -> dict[str, Any]:
    """Return one line of the communication item."""
    return {"id": line.id, "what": line.what, "audience": line.audience,
            "workplace": line.audience_committee.key if line.audience_committee else None,
            "channel": line.channel, "owner": line.owner.email, "owner_name": line.owner.name,
            "due_date": _iso(line.due_date), "story_title": line.story_title, "story_text": line.story_text}


def item_json(item: MeetingItem, readable: set[int]) -> dict[str, Any]:
    """Return one agenda item with its minutes; a case the reader may not read shows only its number.

    The title, minutes and answer of a case item are copied from the case, so they follow the
    case's visibility rule (`readable`: the case ids the reader may read in full).
    """
    case = item.case
    if case is not None and case.id not in readable:
        return {**_item_json(item, case), "title": f"#{case.id} {CONFIDENTIAL}", "text": "", "minutes": "",
                "decision_data": {}, "confidential": True}
    return _item_json(item, case)


def _item_json(item: MeetingItem, case) -> dict[str, Any]:
    return {"id": item.id, "position": item.position, "kind": item.kind, "title": item.title,
            "text": item.text, "internal": item.internal, "version": item.version, "confidential": False,
            "case": None if case is None else {"id": case.id, "state": case.state, "holder": case.holder.key,
                                               "version": case.version, "topic": case.topic},
            "case_version": item.case_version, "minutes": item.minutes, "decision": item.decision,
            "decision_data": item.decision_data or {},
            "recorded_by": item.recorded_by.email if item.recorded_by else None,
            "recorded_at": _iso(item.recorded_at), "lines": [line_json(x) for x in item.lines],
            "moved_to": item.moved_to_id, "moved_from": item.moved_from_id}


def meeting_json(meeting: Meeting, readable: set[int] | None = None) -> dict[str, Any]:
    """Return a meeting; with `readable` (the cases the reader may read) also its items and addenda."""
    body = {"id": meeting.id, "committee": meeting.committee.key, "committee_name": meeting.committee.name,
            "date": _iso(meeting.date), "start_time": meeting.start_time.strftime("%H:%M"),
            "end_time": meeting.end_time.strftime("%H:%M"), "place": meeting.place,
            "online_link": meeting.online_link, "status": meeting.status, "version": meeting.version,
            "agenda_published_at": _iso(meeting.agenda_published_at),
            "approved_at": _iso(meeting.approved_at),
            "approved_by": meeting.approved_by.email if meeting.approved_by else None,
            "approvals": [{"side": a.side, "by": a.person.email, "by_name": a.person.name,
                           "at": _iso(a.approved_at)} for a in meeting.approvals],
            "minute_taker": meeting.minute_taker.email if meeting.minute_taker else None,
            "attendance": [{"person": a.person.email, "name": a.person.name, "present": a.present}
                           for a in meeting.attendance]}
    if readable is not None:
        body["items"] = [item_json(i, readable) for i in meeting.items]
        body["addenda"] = [{"text": a.text, "author": a.author.email, "at": _iso(a.created_at)}
                           for a in meeting.addenda]
    return body
