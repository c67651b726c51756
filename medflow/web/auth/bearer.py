"""The API's caller: the bearer token's owner, never a browser's session or remember cookie."""

from __future__ import annotations

from flask import Request, abort, request
from flask_babel import gettext

from medflow.domain.errors import _
from medflow.extensions import db, login_manager
from medflow.services.people.tokens import check_token
from medflow.web.auth.ratelimit import count_refused_token, token_lockout

API = "api"  # the parent blueprint of the JSON API (medflow.web.api), CSRF-exempt: bearer tokens only
TOKEN_EXPIRED = _("The API token has expired. Make a new one on your API tokens page (/account/tokens).")


def is_api_request() -> bool:
    """Tell whether the request is for the JSON API (where only a bearer token counts)."""
    return API in request.blueprints


def bearer_token(request: Request) -> str | None:
    """Return the bearer token the request carries, if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def require_token():
    """Make the bearer token's owner the API request's user, ignoring any session; 401 without one.

    Flask-Login would try the session and remember cookies before the request loader (and skip
    the request loader when a remember cookie is present), so the API sets its user itself. An
    address that has used up its refused tokens gets 429 first; every refusal counts against it.
    """
    locked = token_lockout()
    if locked is not None:
        return locked
    token = bearer_token(request)
    check = check_token(db.session, token) if token else None
    person = check.person if check else None
    login_manager._update_request_context_with_user(person)  # current_user for this request only
    if person is None:
        count_refused_token()
    if check is not None and check.expired:
        from medflow.web.errors import json_error

        return json_error(gettext(TOKEN_EXPIRED), 401)
    if person is None:
        abort(401)
    return None
