"""Admin pages for people: find, add, change workplace, deactivate and reactivate."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services.admin import people as service
from medflow.services.admin import queries
from medflow.web.admin.guard import actor, bp

PAGE = 50


@bp.get("/people")
def people():
    """List people (search by name or e-mail), active first; offer to add one."""
    q = (request.args.get("q") or "").strip()
    return render_template("admin/people.html", people=queries.find_people(db.session, q, PAGE), q=q,
                           committees=queries.open_committees(db.session))


@bp.post("/people")
def add_person():
    """Add a person from the form."""
    f = request.form
    person = service.add_person(db.session, actor(), email=f.get("email"), name=f.get("name"),
                                workplace=f.get("workplace"), admin=f.get("admin") == "on")
    flash(gettext("%(name)s added.", name=person.name), "success")
    return redirect(url_for("admin.person", person_id=person.id))


def _person(person_id: int) -> Person:
    found = db.session.get(Person, person_id)
    if found is None:
        abort(404)
    return found


@bp.get("/people/<int:person_id>")
def person(person_id: int):
    """Show a person: workplace, roles, their cases, and deactivation."""
    found = _person(person_id)
    return render_template("admin/person.html", person=found, committees=queries.open_committees(db.session),
                           cases=queries.submitted_by(db.session, found),
                           sole_chair=service.last_chair_of(db.session, found))


@bp.post("/people/<int:person_id>/workplace")
def change_workplace(person_id: int):
    """Move a person to another workplace committee."""
    email = _person(person_id).email
    found = service.change_workplace(db.session, actor(), email, request.form.get("workplace"))
    flash(gettext("%(name)s now works at %(workplace)s.", name=found.name, workplace=found.workplace.name),
          "success")
    return redirect(url_for("admin.person", person_id=person_id))


@bp.post("/people/<int:person_id>/deactivate")
def deactivate(person_id: int):
    """Deactivate a person: no more log-in; cases and history are kept."""
    found = service.set_active(db.session, actor(), _person(person_id).email, False)
    flash(gettext("%(name)s is deactivated.", name=found.name), "success")
    return redirect(url_for("admin.person", person_id=person_id))


@bp.post("/people/<int:person_id>/activate")
def activate(person_id: int):
    """Let a deactivated person log in again."""
    found = service.set_active(db.session, actor(), _person(person_id).email, True)
    flash(gettext("%(name)s is active again.", name=found.name), "success")
    return redirect(url_for("admin.person", person_id=person_id))
