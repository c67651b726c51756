"""Log in and out with a password; Flask-Login's loaders (a session for pages, a token for the API)."""

from __future__ import annotations

from flask import Blueprint, Flask, Request, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required, login_user, logout_user

from medflow.domain.errors import _
from medflow.extensions import db, login_manager
from medflow.persistence.models import Person
from medflow.services.people.users import authenticate, end_sessions, person_for_session, person_for_token
from medflow.web.auth.bearer import bearer_token, is_api_request
from medflow.web.auth.options import password_login_enabled, safe_next
from medflow.web.auth.ratelimit import login_limits
from medflow.web.forms import LoginForm

bp = Blueprint("auth", __name__)


def _load_user(user_id: str) -> Person | None:
    if is_api_request():  # never let a browser's session (or remember) cookie act on the API
        return None
    return person_for_session(db.session, user_id)  # None once that session was ended


def _load_from_request(request: Request) -> Person | None:
    token = bearer_token(request)
    return person_for_token(db.session, token) if token else None


@bp.route("/login", methods=["GET", "POST"])
@login_limits
def login():
    """Show the login form; log in with email and password."""
    form = LoginForm()
    status = 200
    if request.method == "POST" and not password_login_enabled():
        abort(403)  # only single sign-on here
    if form.validate_on_submit():
        person = authenticate(db.session, form.email.data, form.password.data)
        if person is not None:
            login_user(person)
            return redirect(safe_next(request.args.get("next"), url_for("home.index")))
        form.form_errors.append(gettext("The email or password is wrong."))
        status = 401
    return render_template("auth/login.html", form=form), status


@bp.get("/logout")
@login_required
def logout_page():
    """Ask to confirm logging out (logging out is a POST, like every change)."""
    return render_template("auth/logout.html")


@bp.post("/logout")
def logout():
    """Log out (ending every session of this person, server-side) and go to the login page."""
    if current_user.is_authenticated:
        end_sessions(db.session, current_user)
    logout_user()
    flash(gettext("You are logged out."), "info")
    return redirect(url_for("auth.login"))


def init_app(app: Flask) -> None:
    """Register Flask-Login's loaders and the login page."""
    login_manager.user_loader(_load_user)
    login_manager.request_loader(_load_from_request)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _("Log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.localize_callback = gettext
    app.register_blueprint(bp)
