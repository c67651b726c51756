"""Language choice: Danish by default, English on request."""

from __future__ import annotations

from flask import current_app, request, session
from flask_babel import gettext
from flask_login import current_user

from medflow.domain.definitions import Label
from medflow.domain.errors import FieldNames, MedflowError

API_PREFIX = "/api/"


def select_locale() -> str:
    """Pick the language: ?lang=, the session's switcher, the person's remembered choice, else Danish.

    Pages are Danish unless the person chooses English: a Danish employee's browser is often
    set to English, and that alone must not switch the UI. API clients (machines) still ask with
    Accept-Language, since they have no switcher.
    """
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    preferred = getattr(current_user, "language", None)
    if preferred in languages:
        return preferred
    if request.path.startswith(API_PREFIX):
        return request.accept_languages.best_match(languages) or languages[0]
    return languages[0]


def translate_error(error: MedflowError) -> str:
    """Return a domain error's message in the request's language, states and fields by their names."""
    return gettext(error.template, **{k: _param(v) for k, v in error.params.items()})


def _param(value: object) -> str:
    """Return a message value as the reader should see it: a label in their language, never a key."""
    from medflow.web.display import FIELD_LABELS, lang  # the web layer owns the field labels

    if isinstance(value, Label):
        return value.get(lang())
    if isinstance(value, FieldNames):
        return ", ".join(f"“{FIELD_LABELS[k]}”" if k in FIELD_LABELS else k for k in value)
    return str(value)
