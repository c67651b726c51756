"""Pages for administrators under /admin; each module adds its views to this blueprint."""

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/admin")


def init_app(app: Flask) -> None:
    """Load the admin modules and register the blueprint."""
    from medflow.web.admin import mail  # noqa: F401 - adds its views to bp

    app.register_blueprint(bp)
