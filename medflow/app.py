"""The application factory: configuration, extensions, blueprints and CLI; no other work."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from medflow import config as settings
from medflow import wiring, workflows
from medflow.domain.calendar import set_closed_days, set_kommune_zone, set_working_hours
from medflow.extensions import babel, csrf, db, login_manager, migrate
from medflow.i18n import select_locale
from medflow.startup import COMPILED_TEMPLATES, LazyRule


def create_app(config: dict | None = None) -> Flask:
    """Build a medflow app; `config` overrides settings read from the environment."""
    instance = settings.instance_dir()
    app = Flask(__name__, instance_path=str(instance) if instance else None)
    app.jinja_options = {**app.jinja_options, "bytecode_cache": COMPILED_TEMPLATES}
    app.url_rule_class = LazyRule
    app.config.update(settings.from_env(Path(app.instance_path)))
    app.config.update(config or {})
    set_kommune_zone(app.config["TIMEZONE"])  # the zone a picked date means (raises if unknown)
    set_closed_days(app.config["CLOSED_DAYS"])  # the kommune's own closed days (raises if malformed)
    set_working_hours(*app.config["WORKDAY_HOURS"])  # when reminders and escalations may go out
    app.template_folder = app.config["TEMPLATES_DIR"]  # the checkout's templates/ or the installed copy
    import medflow.persistence.sqlite  # noqa: F401 - registers the SQLite pragmas

    db.init_app(app)
    migrate.init_app(app, db, directory=str(settings.data_dir("migrations")))
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    workflows.init_app(app)
    wiring.register()  # every listener and field resolver, in one list
    from medflow.web import register_blueprints

    register_blueprints(app)
    return app
