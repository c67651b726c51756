"""Flask entry points: thin blueprints that parse, call one service and render."""

from __future__ import annotations

from flask import Flask

from medflow.config import VERSION


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint, the login loaders and the error handlers (listeners: medflow.wiring)."""
    from medflow.web import (
        answers,
        cycle,
        display,
        errors,
        figures,
        guidelines,
        home,
        inputs,
        ops,
        org,
        pages,
        pixi,
        reports,
        search,
    )
    from medflow.web.admin import export as admin_export
    from medflow.web.admin import init_app as init_admin
    from medflow.web.annual import training as annual  # the pack's and the training's pages (one blueprint)
    from medflow.web.api import bp as api_bp  # the whole JSON API under /api/v1
    from medflow.web.auth import login, sso
    from medflow.web.cases import inbox
    from medflow.web.cases import pages as case_pages
    from medflow.web.flowchart import bp as flowchart_bp
    from medflow.web.meetings import init_app as init_meetings  # meeting pages and the feeds
    from medflow.web.notify import mail_pages, notify_pages
    from medflow.web.plans import init_app as init_plans  # strategy plans
    from medflow.web.security import init_app as init_security

    init_security(app)  # headers, rate limits (before the blueprints they limit), /account/tokens
    for module in (inputs, login, errors, display, pages):
        module.init_app(app)
    app.register_blueprint(api_bp)
    app.register_blueprint(flowchart_bp)
    for module in (notify_pages, mail_pages):
        module.init_app(app)
    init_admin(app)
    admin_export.init_app(app)
    init_meetings(app)
    init_plans(app)
    ops.init_app(app)
    sso.init_app(app)
    for blueprint in (home.bp, case_pages.bp, inbox.bp, figures.bp, reports.bp, org.bp, search.bp, answers.bp,
                      guidelines.bp, pixi.bp, cycle.bp, annual.bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["medflow_version"] = VERSION

    @app.context_processor
    def _locale():
        return {"current_locale": display.lang()}
