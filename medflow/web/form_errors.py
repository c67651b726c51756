"""What a refused form post keeps: the way back to the form and what the person typed.

Pages that re-render their own form on a 400 or 409 (the case page, the minutes) do so themselves.
Every other form falls back on the error page, which must not be a dead end: it links back to the
page the form was on and carries the typed values, which `static/keep-typed.js` puts back into
that form when the person returns — nothing typed is lost.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request
from flask_babel import lazy_gettext
from werkzeug.exceptions import HTTPException

from medflow.web.display import FIELD_LABELS

NOT_TYPED = {"csrf_token", "version", "case_version", "confirm", "event", "meeting"}
LABELS = {
    **FIELD_LABELS,
    "title": lazy_gettext("Title"), "description": lazy_gettext("Description"), "name": lazy_gettext("Name"),
    "email": lazy_gettext("E-mail"), "date": lazy_gettext("Date"), "start_time": lazy_gettext("Starts"),
    "end_time": lazy_gettext("Ends"), "place": lazy_gettext("Place"), "minutes": lazy_gettext("Minutes"),
    "text": lazy_gettext("Text"), "what": lazy_gettext("What is told"),
    "story_title": lazy_gettext("Story title"), "story_text": lazy_gettext("Story text"),
    "workplace": lazy_gettext("Workplace"), "role": lazy_gettext("Role"),
    "successor": lazy_gettext("Committee that takes over"), "parent": lazy_gettext("Put under"),
    "key": lazy_gettext("Key"), "level": lazy_gettext("Level"), "cost_centre": lazy_gettext("Cost centre"),
}


def back_to_form() -> str | None:
    """Return the same-site page the refused form was posted from, or None."""
    referrer = urlsplit(request.referrer or "")
    if not referrer.path or (referrer.netloc and referrer.netloc != request.host):
        return None
    return referrer.path + (f"?{referrer.query}" if referrer.query else "")


def typed_values() -> dict[str, str]:
    """Return what the person typed into the refused form (not its hidden bookkeeping)."""
    if request.method != "POST" or request.path.startswith("/api/"):
        return {}
    try:
        form = request.form
    except HTTPException:  # the body itself was refused (too large): there is nothing to give back
        return {}
    return {name: value for name, value in form.items() if name not in NOT_TYPED and value.strip()}


def field_label(name: str) -> str:
    """Return a form field's label, never its internal name."""
    return str(LABELS.get(name, name.replace("_", " ").capitalize()))
