"""The /admin blueprint: only administrators reach it; others are sent to log in (401 flow) or refused (403)."""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user

from medflow.domain.errors import NotAllowed, _
from medflow.extensions import login_manager

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def admins_only():
    """Send anonymous visitors to the login page; refuse people who are not administrators."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_admin:
        raise NotAllowed(_("Only administrators may change the organisation."))
    return None


def actor():
    """Return the logged-in administrator as a Person row (not the proxy)."""
    return current_user._get_current_object()
