"""The JSON API under /api/v1: one parent blueprint exempts CSRF and checks the token (and its limit).

Each feature adds a child blueprint (endpoints `api.<child>.<view>`): cases, notifications and
cascades, mail choices, meetings, key figures, strategy plans, search, suggestions, reports, and the
OpenAPI description. The URLs are a contract.
"""

from __future__ import annotations

from flask import Blueprint, request

from medflow.extensions import csrf
from medflow.web.api import answers, cases, docs, figures, mail, meetings, notify, plans, reports, search
from medflow.web.auth.bearer import is_api_request, require_token
from medflow.web.auth.ratelimit import limiter

PUBLIC = docs.bp  # the API's own description needs no token and counts against no token limit
CHILDREN = (cases.bp, notify.bp, mail.bp, meetings.bp, figures.bp, plans.bp, search.bp, answers.bp, reports.bp,
            PUBLIC)

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _check_token():
    """Let only a bearer token act on the API (never the session cookie), except on the public part."""
    if request.blueprint == f"{bp.name}.{PUBLIC.name}":
        return None
    return require_token()


for child in CHILDREN:
    csrf.exempt(child)  # Flask-WTF looks only at the request's own blueprint, not at its parents
    bp.register_blueprint(child)
bp.before_request(_check_token)  # refused tokens are limited per client address there (429 with Retry-After)
limiter.request_filter(is_api_request)  # ... so Flask-Limiter's own per-request resolution skips the API
