"""/account/tokens: list, make and revoke API tokens (owners their own, admins everyone's)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.extensions import db
from medflow.services.people import tokens as token_service
from medflow.services.people import users as user_service
from medflow.web.auth.ratelimit import new_token_limit

bp = Blueprint("account", __name__, url_prefix="/account")


def _page(new_token: str | None = None, status: int = 200):
    """Render my tokens, and everyone's live tokens for an admin."""
    mine = token_service.tokens_of(db.session, current_user)
    everyone = token_service.live_tokens(db.session) if current_user.is_admin else []
    return render_template("account/tokens.html", mine=mine, everyone=everyone, new_token=new_token,
                           is_expired=token_service.is_expired,
                           days=current_app.config["API_TOKEN_DAYS"]), status


@bp.get("/tokens")
@login_required
def tokens():
    """Show my API tokens with their expiry and last use."""
    return _page()


@bp.post("/tokens")
@login_required
@new_token_limit
def make_token():
    """Make a new API token for me and show it once."""
    token = user_service.issue_token(db.session, current_user.email, current_app.config["API_TOKEN_DAYS"])
    return _page(new_token=token, status=201)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    """Revoke one of my tokens (an admin: anyone's)."""
    row = token_service.revoke_token(db.session, current_user, token_id)
    flash(gettext("The API token %(prefix)s… is revoked.", prefix=row.prefix), "success")
    return redirect(url_for("account.tokens"))
