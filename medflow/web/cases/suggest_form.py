"""The new-case form's "has this been answered before?": its token, the no-JavaScript check step, the count.

With JavaScript the form shows suggestions as the employee types (`static/suggestions.js` fetching
`/answers/suggestions`) and marks the form as checked. Without it, the first submit finds the same
suggestions and, when there are any, shows them above a "send anyway" button instead of sending.
"""

from __future__ import annotations

import secrets

from medflow.domain.errors import Invalid
from medflow.extensions import db
from medflow.services.answers import suggestions as service
from medflow.workflows import offers

CHECKED = "checked"  # the form's field saying the suggestions were seen (by script, or the check step)


def token(form) -> str:
    """Return the form's random token: the one it was sent with, else a new one for a new form."""
    try:
        sent = service.form_token(form.get("suggest_token")) if form is not None else None
    except Invalid:
        sent = None
    return sent or secrets.token_urlsafe(16)


def check_first(form, title: str | None, topic: str | None, form_token: str) -> service.Suggestions | None:
    """Return the suggestions to show before sending (None when already seen or there are none)."""
    if any(form.getlist(CHECKED)):  # the hidden field (empty without script) and "send anyway" share a name
        return None
    try:
        found = service.find(db.session, offers(), title, topic)
    except Invalid:
        return None  # the form's own rules report a bad title; the check step is only a help
    if not found.answers:
        return None
    service.record_shown(db.session, form_token, "check", found)
    return found


def sent(form_token: str, case_id: int) -> None:
    """Count the case as sent from a form that was shown suggestions (nothing when it was shown none)."""
    service.record_sent(db.session, form_token, case_id)
