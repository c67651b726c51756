"""The strategy plan pages: the plan with its timeline, its upload form and the initiatives' pages."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the plan blueprints and the case page's focus-area helper."""
    from medflow.web.plans import edit, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(edit.bp)
    app.jinja_env.globals.update(plan_focus=edit.focus_choices, plan_status_label=pages.status_label)
