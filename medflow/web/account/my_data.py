"""/account/export: a person downloads everything medflow holds about them (GDPR art. 15)."""

from __future__ import annotations

import json

from flask import Blueprint, current_app
from flask_login import current_user, login_required

from medflow.extensions import db
from medflow.services.privacy.person_export import export_person

bp = Blueprint("account_data", __name__, url_prefix="/account")


@bp.get("/export")
@login_required
def my_export():
    """Download my own data as JSON: my own text in full, as `medflow person export` gives it."""
    export = export_person(db.session, current_user, reader=current_user)
    body = json.dumps(export, ensure_ascii=False, indent=2)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="medflow-person-{current_user.id}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response
