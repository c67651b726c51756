"""Who is asking: a session login for pages, a bearer token for the API."""

from __future__ import annotations

from flask import Flask, Request

from medflow.extensions import db, login_manager
from medflow.persistence.models import Person
from medflow.services.users import person_for_token


def _load_user(user_id: str) -> Person | None:
    person = db.session.get(Person, int(user_id)) if user_id.isdigit() else None
    return person if person is not None and person.active else None


def _load_from_request(request: Request) -> Person | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return person_for_token(db.session, token.strip())


def init_app(app: Flask) -> None:
    """Register Flask-Login's loaders."""
    login_manager.user_loader(_load_user)
    login_manager.request_loader(_load_from_request)
    login_manager.login_view = "auth.login" if "auth" in app.blueprints else None
