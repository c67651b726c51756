"""Meeting e-mails: Danish, with the notification's text (from notify.texts) and a link to the meeting."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import force_locale, gettext

from medflow.notify.texts import message


def meeting_link(meeting_id: Any) -> str:
    """Return the absolute link to a meeting page."""
    return f"{current_app.config['BASE_URL'].rstrip('/')}/meetings/{meeting_id}"


def compose_meeting_mail(kind: str, data: dict[str, Any], person) -> tuple[str, str]:
    """Return the Danish subject and body of an e-mail about a meeting."""
    with force_locale("da"):
        text = message(kind, data)
        subject = gettext("[MED] Meeting of %(committee)s on %(date)s", committee=data.get("committee", ""),
                          date=data.get("date", ""))
        lines = [gettext("Dear %(name)s,", name=person.name), "", text, "",
                 gettext("See the meeting: %(link)s", link=meeting_link(data.get("meeting_id"))), "",
                 gettext("You can turn these e-mails off on your notifications page.")]
    return subject, "\n".join(lines)
