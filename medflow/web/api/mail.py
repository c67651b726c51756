"""JSON API for a person's mail choices: GET and POST /api/v1/notifications/mail."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import current_user

from medflow.domain.errors import Invalid, _
from medflow.domain.mailprefs import KINDS, check_choices
from medflow.extensions import db
from medflow.services.mail import mail_admin, mail_prefs
from medflow.web.api.cases import json_body

bp = Blueprint("mail", __name__)  # under /api/v1 (medflow.web.api)


def _choices_json():
    chosen = mail_prefs.choices(db.session, current_user)
    return jsonify(email=not current_user.email_opt_out, digest_hour=chosen.hour,
                   kinds={kind: chosen.mode(kind) for kind in KINDS},
                   address_failing=mail_admin.is_failing(db.session, current_user))


@bp.get("/notifications/mail")
def mail_choices():
    """Return the caller's mail choices: {email, digest_hour, kinds: {kind: now|digest|off}}."""
    return _choices_json()


@bp.post("/notifications/mail")
def save_mail_choices():
    """Save the caller's mail choices; every kind must be given (`meetings`, added later, may be left out)."""
    body = json_body()
    kinds = body.get("kinds")
    if not isinstance(kinds, dict):
        raise Invalid(_("%(field)s must be an object of kind: now, digest or off."), field="kinds")
    email = body.get("email", not current_user.email_opt_out)
    if not isinstance(email, bool):
        raise Invalid(_("email must be true or false."))
    current = mail_prefs.choices(db.session, current_user)
    chosen = check_choices(kinds, body.get("digest_hour", current.hour), current)
    mail_prefs.save(db.session, current_user, chosen, email_on=email)
    return _choices_json()
