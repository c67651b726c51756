"""Screen every request before a view sees it: ids in range, no unstorable characters, sane JSON.

The field rules themselves are in `medflow.domain.values`; this applies the ones that hold for
every field of every request (URL parts, query, form and JSON body) in one place, so a NUL byte
or an id beyond 64 bits never reaches a database whichever route it comes in by.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider

from medflow.domain import values
from medflow.domain.errors import Invalid, _
from medflow.domain.limits import BODY_MAX_BYTES, JSON_MAX_DEPTH


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, but a body nested deeper than Python can parse is bad JSON, not a crash."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse JSON; too deep a nesting counts as malformed (a 400), like any other bad JSON."""
        try:
            return json.loads(s, **kwargs)
        except RecursionError:
            raise ValueError("nested too deeply") from None


def _walk(name: str, value: Any, depth: int = 0) -> None:
    """Check every string and whole number inside a JSON value, naming where it sits."""
    if depth > JSON_MAX_DEPTH:
        raise Invalid(_("%(field)s is nested too deeply."), field=name or "body")
    if isinstance(value, str):
        values.check_characters(name or "body", value)
    elif isinstance(value, dict):
        for k, v in value.items():
            values.check_characters(name or "body", k)
            _walk(f"{name}.{k}" if name else k, v, depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk(f"{name}[{i}]", v, depth + 1)


def _view_args() -> None:
    """Check the URL's parts: ids within the id range, text without unstorable characters."""
    for name, value in (request.view_args or {}).items():
        if isinstance(value, int):
            values.ident(name, value)
        elif isinstance(value, str):
            values.check_characters(name, value)


def screen_request() -> None:
    """Refuse (400, naming the field) what no field may hold, before any view or database sees it."""
    _view_args()
    for name, value in request.args.items(multi=True):
        values.check_characters(name, value)
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype != "application/json":
        for name, value in request.form.items(multi=True):
            values.check_characters(name, value)
    elif request.is_json and request.content_length:
        _walk("", request.get_json(silent=True))


def init_app(app: Flask) -> None:
    """Bound the body size, install the JSON provider and screen every request."""
    app.config.setdefault("MAX_CONTENT_LENGTH", BODY_MAX_BYTES)
    app.json_provider_class = JSONProvider
    app.json = JSONProvider(app)
    app.before_request(screen_request)
