"""Administration pages under /admin (admins only: `guard` refuses everyone else): one module per page group."""

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/admin")

from medflow.web.admin import audit, committees, guard, mail, people  # noqa: E402, F401 - they add the routes


def init_app(app: Flask) -> None:
    """Register the admin blueprint with every module's views."""
    app.register_blueprint(bp)
