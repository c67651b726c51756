"""Who is asking: a session login for pages, a bearer token for the API; log in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, Request, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required, login_user, logout_user

from medflow.domain.errors import _
from medflow.extensions import db, login_manager
from medflow.persistence.models import Person
from medflow.services.tokens import check_token
from medflow.services.users import authenticate, end_sessions, person_for_session, person_for_token
from medflow.web.auth.ratelimit import login_limits
from medflow.web.forms import LoginForm

bp = Blueprint("auth", __name__)
API_BLUEPRINTS = frozenset({"api", "api_notify"})  # CSRF-exempt, so bearer tokens only
TOKEN_EXPIRED = _("The API token has expired. Make a new one on your API tokens page (/account/tokens).")


def _is_api_request() -> bool:
    return request.blueprint in API_BLUEPRINTS


def _load_user(user_id: str) -> Person | None:
    if _is_api_request():  # never let a browser's session (or remember) cookie act on the API
        return None
    return person_for_session(db.session, user_id)  # None once that session was ended


def bearer_token(request: Request) -> str | None:
    """Return the bearer token the request carries, if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _load_from_request(request: Request) -> Person | None:
    token = bearer_token(request)
    return person_for_token(db.session, token) if token else None


def require_token():
    """Make the bearer token's owner the API request's user, ignoring any session; 401 without one.

    Flask-Login would try the session and remember cookies before the request loader (and skip
    the request loader when a remember cookie is present), so the API sets its user itself.
    """
    token = bearer_token(request)
    check = check_token(db.session, token) if token else None
    person = check.person if check else None
    login_manager._update_request_context_with_user(person)  # current_user for this request only
    if check is not None and check.expired:
        from medflow.web.errors import json_error

        return json_error(gettext(TOKEN_EXPIRED), 401)
    if person is None:
        abort(401)
    return None


def safe_next(target: str | None, default: str) -> str:
    """Return `target` if it is a path on this site, else `default` (no open redirects).

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so a tab or a
    backslash after the first slash would lead to another site as "//x" does: any space, control
    character or backslash is refused.
    """
    if not target or not target.isprintable() or any(ch.isspace() or ch == "\\" for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


@bp.route("/login", methods=["GET", "POST"])
@login_limits
def login():
    """Show the login form; log in with email and password."""
    form = LoginForm()
    status = 200
    from medflow.web.auth.sso import password_login_enabled

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
