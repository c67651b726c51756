"""Language choice: Danish by default, English on request."""

from __future__ import annotations

from flask import current_app, request, session
from flask_babel import gettext
from flask_login import current_user

from medflow.domain.errors import MedflowError


def select_locale() -> str:
    """Pick the language: ?lang=, the session's switcher, the user's setting, Accept-Language."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    preferred = getattr(current_user, "language", None)
    if preferred in languages:
        return preferred
    return request.accept_languages.best_match(languages) or languages[0]


def translate_error(error: MedflowError) -> str:
    """Return a domain error's message in the request's language."""
    return gettext(error.template, **{k: str(v) for k, v in error.params.items()})
