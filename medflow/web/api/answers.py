"""GET /api/v1/suggestions: the shared answers and offers the new-case form would suggest, as JSON."""

from __future__ import annotations

from flask import Blueprint, request

from medflow.extensions import db
from medflow.services.answers import suggestions as suggestion_service
from medflow.web.answers import found_json
from medflow.workflows import offers

bp = Blueprint("answers_api", __name__)  # under /api/v1 (medflow.web.api)


@bp.get("/suggestions")
def suggestions():
    """Return up to five shared answers and offers matching `title` and `topic` (nothing is recorded)."""
    found = suggestion_service.find(db.session, offers(), request.args.get("title"), request.args.get("topic"))
    return found_json(found)
