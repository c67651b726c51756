"""Shared helpers for HTML pages: the error page and what the navigation shows."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_login import current_user
from jinja2 import TemplateNotFound
from sqlalchemy.exc import SQLAlchemyError

from medflow.extensions import db
from medflow.services import cascades, queries
from medflow.web import form_errors

NAV_COUNT_CAP = 100  # the navigation counts open cases up to here and shows "99+" beyond


def render_error(status: int, message: str):
    """Render an error page in the site's style."""
    try:
        typed = form_errors.typed_values() if 400 <= status < 500 else {}
        return render_template("errors/error.html", status=status, message=message, typed=typed,
                               back=form_errors.back_to_form() if typed else None,
                               field_label=form_errors.field_label, form_action=request.path), status
    except TemplateNotFound:
        return message, status


def _navigation() -> dict:
    """Return the committees I sit on and their open-case counts, for the navigation."""
    nothing = {"nav_committees": [], "nav_counts": {}, "nav_may_publish": False}
    if not current_user.is_authenticated:
        return nothing
    try:
        committees = queries.my_committees(db.session, current_user)
        counts = queries.open_counts(db.session, current_user, committees, cap=NAV_COUNT_CAP)
        may_publish = cascades.may_publish_somewhere(db.session, current_user)
    except SQLAlchemyError:  # an error page must still render when the database fails
        db.session.rollback()
        return nothing
    return {"nav_committees": committees, "nav_counts": counts, "nav_may_publish": may_publish}


def init_app(app: Flask) -> None:
    """Give every page the navigation's data."""
    app.context_processor(_navigation)
