"""Writing notification e-mails: both parts from one Jinja template, headers that thread and unsubscribe.

A template in `templates/mail/` calls a small formatter `f` (f.para, f.link, ...) for every piece;
it is rendered once with the plain-text formatter and once with the HTML one, so the two parts
always say the same. Confidential cases are named by number only (no title, text or comment).
"""

from __future__ import annotations

import hashlib
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale, format_datetime, gettext, lazy_gettext
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from markupsafe import Markup

from medflow.domain.errors import Invalid, _
from medflow.domain.mailprefs import CASE_KINDS, DEFAULTS, DIGEST_KIND, KINDS, LATER_KINDS, MEETINGS
from medflow.notify.texts import message
from medflow.persistence.models import Case, Person
from medflow.services.mail import mail_prefs
from medflow.services.mail.outbox import Draft

DESCRIPTION_IN_MAIL = 600
BAD_LINK = _("This unsubscribe link is not valid; change your e-mail on the notifications page.")
OLD_LINK = _("This unsubscribe link is too old, or your e-mail choices have changed since it was sent; "
             "change your e-mail on the notifications page.")
LINK_DAYS = 365  # an unsubscribe link works for a year, and only while the choices are as they were
KIND_LABELS = {"submitted": lazy_gettext("cases I submitted"),
               "committees": lazy_gettext("new cases and changes in my committees"),
               "deadlines": lazy_gettext("deadlines and escalations"),
               "information": lazy_gettext("cascades and information from above"),
               MEETINGS: lazy_gettext("meetings in my committees"),
               DIGEST_KIND: lazy_gettext("the daily digest")}


class TextParts:
    """The plain-text formatter."""

    def begin(self, title: str, lang: str) -> str:
        return ""

    def end(self) -> str:
        return ""

    def para(self, text: str) -> str:
        return f"{text}\n\n"

    def heading(self, text: str) -> str:
        return f"{text}\n{'=' * len(text)}\n"

    def items(self, texts: list[str]) -> str:
        return "".join(f"- {text}\n" for text in texts) + "\n"

    def quote(self, text: str) -> str:
        return "\n".join(f"> {line}" for line in text.splitlines()) + "\n\n"

    def link(self, label: str, url: str) -> str:
        return f"{label}: {url}\n\n"


class HtmlParts:
    """The HTML formatter: every text escaped, no remote images, styles inline."""

    def begin(self, title: str, lang: str) -> Markup:
        return Markup('<!DOCTYPE html>\n<html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
                      '<body style="font-family: sans-serif; max-width: 40em">\n').format(lang, title)

    def end(self) -> Markup:
        return Markup("</body></html>\n")

    def para(self, text: str) -> Markup:
        return Markup("<p>{}</p>\n").format(text)

    def heading(self, text: str) -> Markup:
        return Markup('<h2 style="font-size: 1.1em">{}</h2>\n').format(text)

    def items(self, texts: list[str]) -> Markup:
        lines = Markup("").join(Markup("<li>{}</li>\n").format(text) for text in texts)
        return Markup("<ul>\n{}</ul>\n").format(lines)

    def quote(self, text: str) -> Markup:
        return Markup('<blockquote style="white-space: pre-wrap">{}</blockquote>\n').format(text)

    def link(self, label: str, url: str) -> Markup:
        return Markup('<p><a href="{}">{}</a></p>\n').format(url, label)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out) + "\n"


def render_parts(template: str, **context: Any) -> tuple[str, str]:
    """Render one mail template as plain text and as HTML."""
    found = current_app.jinja_env.get_template(template)  # no request: no context processors
    text, html = found.render(f=TextParts(), **context), found.render(f=HtmlParts(), **context)
    return _tidy(text), html


def mail_domain() -> str:
    """Return the domain of Message-IDs: MAIL_DOMAIN, SERVER_NAME or the host of MEDFLOW_BASE_URL."""
    cfg = current_app.config
    name = cfg.get("MAIL_DOMAIN") or (cfg.get("SERVER_NAME") or "").split(":")[0]
    return name or urlsplit(cfg["BASE_URL"]).hostname or "localhost"


def base_url() -> str:
    """Return the site's address without a trailing slash."""
    return current_app.config["BASE_URL"].rstrip("/")


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="medflow-mail-unsubscribe")


def _fingerprint(person_id: int) -> str:
    """Return a short digest of the person's mail choices: a link stops working once they change.

    A kind added later counts only once it differs from its default, so the links sent before it
    existed (everyone then had the default) keep working.
    """
    from medflow.extensions import db
    from medflow.persistence.models import Person as PersonRow

    person = db.session.get(PersonRow, person_id)
    chosen = mail_prefs.choices(db.session, person) if person else None
    state = repr(([chosen.mode(k) for k in CASE_KINDS], chosen.hour, person.email_opt_out) if chosen else None)
    later = [f"{k}={chosen.mode(k)}" for k in LATER_KINDS if chosen and chosen.mode(k) != DEFAULTS[k]]
    return hashlib.sha256((state + "".join(later)).encode()).hexdigest()[:12]


def unsubscribe_url(person_id: int, kind: str) -> str:
    """Return the signed, dated one-click link that turns one kind of mail off for one person."""
    return f"{base_url()}/mail/unsubscribe/{_signer().dumps([person_id, kind, _fingerprint(person_id)])}"


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """Return (person id, kind) from a link; Invalid if not ours, over a year old or the choices changed."""
    try:
        person_id, kind, fingerprint = _signer().loads(token, max_age=LINK_DAYS * 86400)
    except SignatureExpired as exc:
        raise Invalid(OLD_LINK) from exc
    except (BadSignature, TypeError, ValueError) as exc:
        raise Invalid(BAD_LINK) from exc
    if not isinstance(person_id, int) or kind not in (*KINDS, DIGEST_KIND):
        raise Invalid(BAD_LINK)
    if fingerprint != _fingerprint(person_id):
        raise Invalid(OLD_LINK)
    return person_id, kind


def language(person: Person) -> str:
    """Return the language to write to the person in: their own if medflow speaks it, else Danish."""
    return person.language if person.language in current_app.config["LANGUAGES"] else "da"


def list_headers(person: Person, kind: str) -> dict[str, str]:
    """Return the RFC 2369/8058 headers: a mail client's own unsubscribe button turns this kind off."""
    return {"List-Unsubscribe": f"<{unsubscribe_url(person.id, kind)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def compose(case: Case, kind: str, data: dict[str, Any], person: Person) -> Draft:
    """Return the e-mail about one event of a case, in the person's language, threaded on the case."""
    domain, mail_kind = mail_domain(), mail_prefs.kind_for(case, kind, person.id)
    root = f"<case-{case.id}@{domain}>"
    with force_locale(language(person)):
        subject = gettext("[MED #%(id)s] A confidential case", id=case.id) if case.confidential else \
            f"[MED #{case.id}] {' '.join(case.title.split())}"
        description = None if case.confidential else (case.description or "")[:DESCRIPTION_IN_MAIL]
        text, html = render_parts("mail/notification.jinja", subject=subject, person=person, case=case,
                                  lang=language(person),
                                  text=message(kind, data), description=description,
                                  redirect=_redirect(case, kind),
                                  link=f"{base_url()}/cases/{case.id}", **footer(person, mail_kind))
    return Draft(subject=subject, body=text, html=html, case_id=case.id,
                 message_id=make_msgid(idstring=f"case{case.id}", domain=domain),
                 headers={"In-Reply-To": root, "References": root, **list_headers(person, mail_kind)})


def _redirect(case: Case, kind: str) -> str | None:
    """Return where a rejected case's submitter should go instead (never for a confidential case)."""
    return None if kind != "reject" or case.confidential else (case.data or {}).get("redirect")


def footer(person: Person, kind: str) -> dict[str, str]:
    """Return what every mail ends with: why it came, where to choose, and the link that stops it."""
    return {"kind_label": str(KIND_LABELS[kind]), "settings_link": f"{base_url()}/notifications/mail",
            "unsubscribe_link": unsubscribe_url(person.id, kind)}


def _line(note, message) -> str:
    return f"{format_datetime(note.created_at, 'short')}: {message(note.kind, note.data or {})}"


def compose_digest(person: Person, cases: list, meetings: list = ()) -> Draft:
    """Return one person's daily digest: per case and per meeting what happened, each with its link."""
    with force_locale(language(person)):
        subject = gettext("[MED] Your daily summary: %(count)s case(s), %(meetings)s meeting(s)",
                          count=len(cases), meetings=len(meetings)) if meetings else \
            gettext("[MED] Your daily summary: %(count)s case(s)", count=len(cases))
        entries = [{"case": entry.case, "lines": [_line(note, message) for note in entry.notes]}
                   for entry in cases]
        gatherings = [{"meeting": entry.meeting, "lines": [_line(note, message) for note in entry.notes]}
                      for entry in meetings]
        text, html = render_parts("mail/digest.jinja", subject=subject, person=person, cases=entries,
                                  meetings=gatherings, lang=language(person),
                                  base=base_url(), **footer(person, DIGEST_KIND))
    return Draft(subject=subject, body=text, html=html, message_id=make_msgid(idstring="digest",
                 domain=mail_domain()), headers=list_headers(person, DIGEST_KIND))
