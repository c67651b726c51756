"""Flask entry points: thin blueprints that parse, call one service and render."""

from __future__ import annotations

from flask import Flask

from medflow.config import VERSION


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint, the login loaders and the error handlers."""
    from medflow.web import display, errors, home, inputs, org, pages
    from medflow.web.admin import init_app as init_admin
    from medflow.web.api import bp as api_bp  # the whole JSON API under /api/v1
    from medflow.web.auth import login as auth
    from medflow.web.cases import inbox as committees
    from medflow.web.cases import pages as cases
    from medflow.web.flowchart import bp as flowchart_bp
    from medflow.web.meetings import init_app as init_meetings  # meetings, their API, the feeds
    from medflow.web.notify import notify_pages
    from medflow.web.notify.mail_pages import init_app as init_mail_pages
    from medflow.web.security import init_app as init_security

    init_security(app)  # headers, rate limits (before the blueprints they limit), /account/tokens
    inputs.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    display.init_app(app)
    pages.init_app(app)
    app.register_blueprint(api_bp)
    app.register_blueprint(flowchart_bp)
    notify_pages.init_app(app)
    init_mail_pages(app)
    init_admin(app)
    from medflow.web.admin import export as admin_export

    admin_export.init_app(app)
    init_meetings(app)
    from medflow.web import ops

    ops.init_app(app)
    from medflow.web.auth import sso

    sso.init_app(app)
    for blueprint in (home.bp, cases.bp, committees.bp, org.bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["medflow_version"] = VERSION

    @app.context_processor
    def _locale():
        return {"current_locale": display.lang()}
