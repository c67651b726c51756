"""Administration pages under /admin (admins only: `guard` refuses everyone else): one module per page group."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the admin blueprint once every page module has added its views to it."""
    from medflow.web.admin import audit, committees, figures, mail, people  # noqa: F401 - each adds its views to bp
    from medflow.web.admin.guard import bp

    app.register_blueprint(bp)
