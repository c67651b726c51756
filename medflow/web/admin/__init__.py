"""Administration pages under /admin (admins only): one module per page group."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from medflow.web.admin import audit, committees, guard, people  # noqa: E402, F401 - they add the routes
