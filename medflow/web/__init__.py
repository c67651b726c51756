"""Flask entry points: thin blueprints that parse, call one service and render."""

from __future__ import annotations

from flask import Flask

from medflow import __version__


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint, the login loaders and the error handlers."""
    from medflow import notify
    from medflow.web import auth, cases, committees, display, errors, home, inputs, notify_pages, org, pages
    from medflow.web.api import bp as api_bp
    from medflow.web.api_docs import bp as api_docs_bp
    from medflow.web.api_notify import bp as api_notify_bp
    from medflow.web.flowchart import bp as flowchart_bp

    inputs.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    display.init_app(app)
    pages.init_app(app)
    app.register_blueprint(api_bp)
    app.register_blueprint(flowchart_bp)
    app.register_blueprint(api_notify_bp)
    app.register_blueprint(api_docs_bp)
    notify.init_app(app)
    notify_pages.init_app(app)
    for blueprint in (home.bp, cases.bp, committees.bp, org.bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["medflow_version"] = __version__

    @app.context_processor
    def _locale():
        return {"current_locale": display.lang()}
