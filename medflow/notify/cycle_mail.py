"""Annual-cycle e-mails (an item whose period ended undiscussed), written as meeting mail is."""

from __future__ import annotations

from email.utils import make_msgid
from typing import Any

from flask_babel import force_locale, gettext

from medflow.domain.mailprefs import DEADLINES
from medflow.notify.compose import base_url, footer, language, list_headers, mail_domain, render_parts
from medflow.notify.texts import message
from medflow.persistence.models import Person
from medflow.services.mail.outbox import Draft


def compose_notice(kind: str, data: dict[str, Any], person: Person) -> Draft:
    """Return the e-mail about a cycle notice, in the person's language, linking to the committee's cycle."""
    lang = language(person)
    with force_locale(lang):
        subject = gettext("[MED] The annual cycle of %(committee)s", committee=data.get("committee", ""))
        text, html = render_parts("mail/meeting.jinja", subject=subject, person=person, lang=lang,
                                  text=message(kind, data),
                                  link=f"{base_url()}/committees/{data.get('committee_key', '')}/cycle",
                                  **footer(person, DEADLINES))
    return Draft(subject=subject, body=text, html=html,
                 message_id=make_msgid(idstring="cycle", domain=mail_domain()),
                 headers=list_headers(person, DEADLINES))
