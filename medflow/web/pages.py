"""Shared helpers for HTML pages."""

from __future__ import annotations

from flask import render_template
from jinja2 import TemplateNotFound


def render_error(status: int, message: str):
    """Render an error page in the site's style."""
    try:
        return render_template("errors/error.html", status=status, message=message), status
    except TemplateNotFound:
        return message, status
