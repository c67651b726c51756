"""The front door and the language switcher."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, request, session, url_for
from flask_login import current_user

from medflow.extensions import db
from medflow.services import queries
from medflow.services.people.users import remember_language
from medflow.web.auth.options import safe_next

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """Send people to where their work is: a committee member to the inbox, others to their cases."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    committees = queries.my_committees(db.session, current_user)
    if committees:  # the lowest committee first: that is where new cases arrive
        return redirect(url_for("committees.inbox", key=committees[-1].key))
    return redirect(url_for("cases.mine"))


@bp.get("/language/<code>")
def language(code: str):
    """Remember the chosen language (for a logged-in person also on their profile) and go back."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    if current_user.is_authenticated:
        remember_language(db.session, current_user, code)
    return redirect(safe_next(request.args.get("next"), url_for("home.index")))
