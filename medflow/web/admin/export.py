"""An administrator downloads everything medflow holds about a person (GDPR art. 15)."""

from __future__ import annotations

import json

from flask import Blueprint, Flask, current_app, redirect, request, url_for
from flask_login import current_user, login_required

from medflow.domain.errors import Invalid, NotAllowed, Unknown, _
from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services.people.users import find_person
from medflow.services.privacy.person_export import export_person

bp = Blueprint("admin_export", __name__)


def _admin_only() -> None:
    if not current_user.is_admin:
        raise NotAllowed(_("Only an administrator may export a person's data."))


@bp.get("/admin/people/export")
@login_required
def find_export():
    """Go to the export of the person with `email` (the form on the organisation page)."""
    _admin_only()
    email = request.args.get("email", "").strip()
    if not email:
        raise Invalid(_("email is required: the e-mail address of the person to export."))
    return redirect(url_for("admin_export.person_export", person_id=find_person(db.session, email).id))


@bp.get("/admin/people/<int:person_id>/export")
@login_required
def person_export(person_id: int):
    """Download a person's data as a JSON file (administrators only)."""
    _admin_only()
    person = db.session.get(Person, person_id)
    if person is None:
        raise Unknown(_("No person with the id %(id)s."), id=person_id)
    body = json.dumps(export_person(db.session, person, reader=current_user), ensure_ascii=False, indent=2)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="medflow-person-{person.id}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Register the export page."""
    app.register_blueprint(bp)
