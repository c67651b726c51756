"""The words of meeting notifications and e-mails (Danish in mail, the reader's language in the app)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import force_locale, gettext, lazy_gettext

MEETING_MESSAGES = {
    "agenda_published": lazy_gettext("The agenda for %(committee)s on %(date)s at %(start)s is published."),
    "meeting_moved": lazy_gettext("The meeting of %(committee)s has moved to %(date)s at %(start)s."),
    "meeting_cancelled": lazy_gettext("The meeting of %(committee)s on %(date)s is cancelled."),
    "minutes_approved": lazy_gettext("The minutes of %(committee)s from %(date)s are approved."),
    "minutes_awaiting_approval": lazy_gettext(
        "%(approver)s has approved the minutes of %(committee)s from %(date)s; they await your approval."),
    "unschedule": lazy_gettext("The case was taken off the agenda of %(committee)s."),
    "task_before": lazy_gettext("Reminder: you are to inform by %(due)s: %(title)s"),
    "task_due": lazy_gettext("You were to inform by %(due)s: %(title)s"),
}


def meeting_link(meeting_id: Any) -> str:
    """Return the absolute link to a meeting page."""
    return f"{current_app.config['BASE_URL'].rstrip('/')}/meetings/{meeting_id}"


def compose_meeting_mail(kind: str, data: dict[str, Any], person) -> tuple[str, str]:
    """Return the Danish subject and body of an e-mail about a meeting."""
    from medflow.notify import message  # the one place notification texts are filled in

    with force_locale("da"):
        text = message(kind, data)
        subject = gettext("[MED] Meeting of %(committee)s on %(date)s", committee=data.get("committee", ""),
                          date=data.get("date", ""))
        lines = [gettext("Dear %(name)s,", name=person.name), "", text, "",
                 gettext("See the meeting: %(link)s", link=meeting_link(data.get("meeting_id"))), "",
                 gettext("You can turn these e-mails off on your notifications page.")]
    return subject, "\n".join(lines)
