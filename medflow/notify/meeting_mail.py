"""Meeting e-mails, written as case mail is: both parts, threaded on the meeting, with unsubscribe headers.

Every meeting notice is the mail kind `meetings`; the person's choice for it (at once, digest or
not at all) is applied by the services before a mail is composed here.
"""

from __future__ import annotations

from email.utils import make_msgid
from typing import Any

from flask_babel import force_locale, gettext

from medflow.domain.mailprefs import MEETINGS
from medflow.notify.compose import base_url, footer, language, list_headers, mail_domain, render_parts
from medflow.notify.texts import message
from medflow.persistence.models import Meeting, Person
from medflow.services.mail.outbox import Draft


def meeting_link(meeting_id: Any) -> str:
    """Return the absolute link to a meeting page."""
    return f"{base_url()}/meetings/{meeting_id}"


def thread_root(meeting_id: int) -> str:
    """Return the Message-ID every mail about one meeting refers to, so a client shows them as one thread.

    Like a case's, it is never sent itself: it only has to be the same for every mail of the meeting.
    """
    return f"<meeting-{meeting_id}@{mail_domain()}>"


def compose_meeting_mail(meeting: Meeting, kind: str, data: dict[str, Any], person: Person) -> Draft:
    """Return the e-mail about one meeting notice, in the person's language, threaded on the meeting."""
    root, lang = thread_root(meeting.id), language(person)
    with force_locale(lang):
        subject = gettext("[MED] Meeting of %(committee)s on %(date)s", committee=data.get("committee", ""),
                          date=data.get("date", ""))
        text, html = render_parts("mail/meeting.jinja", subject=subject, person=person, lang=lang,
                                  text=message(kind, data), link=meeting_link(meeting.id),
                                  **footer(person, MEETINGS))
    return Draft(subject=subject, body=text, html=html,
                 message_id=make_msgid(idstring=f"meeting{meeting.id}", domain=mail_domain()),
                 headers={"In-Reply-To": root, "References": root, **list_headers(person, MEETINGS)})
