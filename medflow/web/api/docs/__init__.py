"""GET /api/v1/openapi.json: the API's OpenAPI 3.1 description (public, like the flowchart)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from medflow.web.api.docs.document import document

bp = Blueprint("docs", __name__)  # under /api/v1 (medflow.web.api)

@bp.get("/openapi.json")
def openapi():
    """Return the OpenAPI document of the JSON API."""
    return jsonify(document())

