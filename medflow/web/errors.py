"""The one place where domain errors become HTTP statuses and messages."""

from __future__ import annotations

from flask import Flask, jsonify, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from medflow.domain.errors import Invalid, MedflowError, NotAllowed, NotPossible, Unknown, _
from medflow.extensions import db
from medflow.i18n import translate_error

STATUS = {Invalid: 400, NotAllowed: 403, Unknown: 404, NotPossible: 409}


def status_of(error: MedflowError) -> int:
    """Return the HTTP status for a domain error."""
    for kind, status in STATUS.items():
        if isinstance(error, kind):
            return status
    return 400


def wants_json() -> bool:
    """Tell whether the request came to the API (which always answers JSON)."""
    return request.path.startswith("/api/")


def json_error(message: str, status: int):
    """Return the API's error body."""
    return jsonify(error=message, status=status), status


HTTP_MESSAGES = {
    400: _("The request could not be understood."),
    401: _("Log in first: send an API token as 'Authorization: Bearer TOKEN'."),
    403: _("You may not do this."),
    404: _("Not found."),
    405: _("This method is not allowed here."),
    409: _("The request conflicts with the current state."),
    413: _("The request is too large."),
    429: _("Too many requests. Wait a while and try again."),
    500: _("Something went wrong on our side. Nothing was changed."),
}
CSRF_MESSAGE = _("The form had expired or did not come from this site, so nothing was saved. "
                 "Go back, reload the page and try again.")


def _domain_error(error: MedflowError):
    db.session.rollback()
    status = status_of(error)
    if wants_json():
        return json_error(translate_error(error), status)
    from medflow.web.pages import render_error  # pages own the HTML look

    return render_error(status, translate_error(error))


def _http_error(error: HTTPException):
    code = error.code or 500
    if 300 <= code < 400:  # a routing redirect (e.g. a missing trailing slash), not an error
        return error
    message = HTTP_MESSAGES.get(code, error.description or "")
    if wants_json():
        return json_error(gettext(message), code)
    from medflow.web.pages import render_error

    return render_error(code, gettext(CSRF_MESSAGE if isinstance(error, CSRFError) else message))


def _server_error(error: Exception):
    db.session.rollback()
    if wants_json():
        return json_error(gettext(HTTP_MESSAGES[500]), 500)
    from medflow.web.pages import render_error

    return render_error(500, gettext(HTTP_MESSAGES[500]))


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(MedflowError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
