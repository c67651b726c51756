"""What the agenda and minutes templates show (labels in the reader's language, choices per item)."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext
from flask_login import current_user

from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Meeting, Person
from medflow.services import cases as case_service
from medflow.services import queries
from medflow.services.meetings import agenda, attendance, communication, minutes, moves, notices, planning
from medflow.services.visibility import fully_visible_ids
from medflow.web.cases.actions import MeetingChoices
from medflow.web.display import event_done_label, event_label, lang, nice_date
from medflow.web.meetings import status
from medflow.web.meetings.decisions import decision_fields
from medflow.workflows import engines, topics

AUDIENCE_LABELS = {"employees": lazy_gettext("All employees under the committee"),
                   "workplace": lazy_gettext("A workplace"), "parent": lazy_gettext("The committee above")}
CHANNEL_LABELS = {"staff_meeting": lazy_gettext("Staff meeting"), "intranet": lazy_gettext("Intranet"),
                  "email": lazy_gettext("E-mail"), "newsletter": lazy_gettext("Newsletter (%(newsletter)s)")}
KIND_LABELS = {"case": lazy_gettext("Case"), "free": lazy_gettext("Item"),
               "communication": lazy_gettext("Communication"), "standing": lazy_gettext("Standing item"),
               "closing": lazy_gettext("Standing item"), "moved": lazy_gettext("Case")}
POSTPONED_LABEL = lazy_gettext("Postponed to the next meeting")
COMMUNICATION_HEADING = lazy_gettext(
    "Communication: who informs whom, how and when; stories for %(newsletter)s")
CONFIDENTIAL = lazy_gettext("Confidential case")
ANNUAL_HEADING = lazy_gettext("Annual work-environment discussion")


def newsletter_name() -> str:
    """Return the staff newsletter's name (configuration: each kommune's paper has its own)."""
    return current_app.config.get("NEWSLETTER_NAME") or "personalebladet"


def channel_labels() -> dict[str, str]:
    """Return the channels' names in the reader's language, the newsletter by its configured name."""
    return {k: str(v) % {"newsletter": newsletter_name()} if k == "newsletter" else str(v)
            for k, v in CHANNEL_LABELS.items()}


def audience_label(line) -> str:
    """Return to whom a communication line speaks, naming the workplace when it is one."""
    label = str(AUDIENCE_LABELS.get(line.audience, line.audience))
    return f"{label}: {line.audience_committee.name}" if line.audience_committee else label


def readable_cases(meeting: Meeting, cases=()) -> set[int]:
    """Return which cases on the agenda (and of `cases`) the reader may read in full: the one rule."""
    ids = [i.case_id for i in meeting.items] + [c.id for c in cases]
    return fully_visible_ids(db.session, current_user, ids)


def item_heading(item, readable: set[int]) -> str:
    """Return an item's heading: its title, or the case number and "Confidential case" when sealed."""
    if item.kind == "communication":
        return str(COMMUNICATION_HEADING) % {"newsletter": newsletter_name()}
    if item.kind == "annual":  # stored in English with its year, as the communication item's title
        return f"{ANNUAL_HEADING} {item.title.rsplit(' ', 1)[-1]}"
    if sealed(item, readable):
        return f"#{item.case_id} {CONFIDENTIAL}"
    return item.title or f"#{item.case_id}"  # an anonymised case keeps only its number


def public_title(item) -> str:
    """Return a public item's title in the reader's language (the annual discussion's is stored in English)."""
    return item_heading(item, set()) if item.kind == "annual" else item.title


def sealed(item, readable: set[int]) -> bool:
    """Tell whether an item is a case the reader may not read (its title was copied from the case)."""
    return item.case_id is not None and item.case_id not in readable


def decision_label(item, decision: str | None) -> str:
    """Return a decision's name in the reader's language."""
    if not decision:
        return ""
    if decision == minutes.POSTPONED:
        return str(POSTPONED_LABEL)
    return event_label(item.case.workflow, decision) if item.case else decision


def decided_label(item, decision: str | None) -> str:
    """Return a recorded decision as the minutes say it ("Besvaret"), not as the choice's button said it."""
    if not decision or decision == minutes.POSTPONED or not item.case:
        return decision_label(item, decision)
    return event_done_label(item.case.workflow, decision)


def topic_label(key: str | None) -> str:
    """Return a topic's name in the reader's language."""
    topic = topics().get(key) if key else None
    return topic.label.get(lang()) if topic else ""


def _roles(meeting: Meeting) -> dict:
    roles = planning.committee_roles(db.session, current_user, meeting.committee_id)
    # `member`: sits on the committee (or administers), so its pages such as the cycle open; an invitee
    # of a theme day reads the meeting without them
    return {"officer": bool(roles & set(planning.OFFICERS)), "chair": "chair" in roles,
            "member": bool(roles) or current_user.is_admin}


def _common(meeting: Meeting, cases=()) -> dict:
    readable = readable_cases(meeting, cases)
    return {"meeting": meeting, **_roles(meeting), "path_so_far": agenda.path_so_far,
            "heading": lambda item: item_heading(item, readable), "sealed": lambda item: sealed(item, readable),
            "readable": readable, "confidential_label": CONFIDENTIAL,
            "topic_label": topic_label,
            "kind_labels": KIND_LABELS, "decision_label": decision_label, "decided_label": decided_label,
            "audience_labels": AUDIENCE_LABELS,
            "channel_labels": channel_labels(), "pdf": False}


def agenda_context(meeting_id: int) -> dict:
    """Return the agenda page's data."""
    meeting = planning.visible_meeting(db.session, current_user, meeting_id)
    schedulable = agenda.schedulable_cases(db.session, meeting, engines())
    elsewhere = {c.id: moves.published_elsewhere(db.session, c, meeting, meeting.date) for c in schedulable}
    take_off = {i.id for i in meeting.items if i.kind == "case" and i.decision is None and i.case is not None
                and "unschedule" in case_service.allowed_actions(db.session, engines(), current_user, i.case)}
    return {**_common(meeting, schedulable), "schedulable": schedulable, "elsewhere": elsewhere,
            "take_off": take_off}


def minutes_context(meeting_id: int, failed: dict | None = None) -> dict:
    """Return the minutes page's data: per case item the decisions the reader may record now.

    `failed` is a refused save (item, message, what was typed), shown again at that item's form.
    """
    meeting = planning.visible_meeting(db.session, current_user, meeting_id)
    context = _common(meeting)
    context.update(status.approval_context(meeting))
    choices, fields = {}, {}
    if context["officer"] and meeting.approved_at is None and context["started"]:
        choices = {i.id: minutes.decision_choices(db.session, engines(), current_user, i)
                   for i in meeting.items}
        fields = {i.id: decision_fields(i.case, choices[i.id]) for i in meeting.items if choices[i.id]}
    context.update(choices=choices, decision_fields=fields, failed=failed or {},
                   below=queries.committees_below(db.session, meeting.committee), members=_members(meeting),
                   attendance=attendance.attendance_lists(meeting))
    return context


def _members(meeting: Meeting) -> list[Person]:
    ids = notices.members(db.session, meeting.committee_id)
    return sorted((db.session.get(Person, i) for i in ids), key=lambda p: p.name)


def schedule_choices(case) -> MeetingChoices:
    """Return the holder's coming meetings for a case page's `schedule` form (not the one it is on)."""
    waiting = moves.waiting_items(db.session, case)
    on = {i.meeting_id for i in waiting}
    found = planning.coming_meetings(db.session, case.holder_id, utcnow().date())
    options = [(str(m.id), _meeting_label(m)) for m in found if m.id not in on]
    published = next((i.meeting for i in waiting if i.meeting.agenda_published_at), None)
    officer = planning.committee_roles(db.session, current_user, case.holder_id) & set(planning.OFFICERS)
    plan_url = url_for("meetings.committee_list", key=case.holder.key) if officer else None
    return MeetingChoices(options, nice_date(published.date) if published else None, plan_url)


def _meeting_label(meeting: Meeting) -> str:
    place = f" · {meeting.place}" if meeting.place else ""
    return f"{nice_date(meeting.date)} {meeting.start_time.strftime('%H.%M')}{place}"


def upcoming_meetings(limit: int = 5) -> list[Meeting]:
    """Return the logged-in person's coming meetings (for the front page and committee pages)."""
    if not current_user.is_authenticated:
        return []
    return planning.upcoming_for(db.session, current_user, utcnow().date(), limit=limit)


def meeting_information() -> list[Meeting]:
    """Return the approved minutes shown under "Information fra ledelsen/MED" to the logged-in person."""
    if not current_user.is_authenticated:
        return []
    return communication.information_for(db.session, current_user)
