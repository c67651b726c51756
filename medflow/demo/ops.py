"""The demo's administration story: cost centres from HR, a new staff meeting, a newcomer — all audited.

Run by `medflow demo` after the organisation is loaded; running it again changes nothing.
"""

from __future__ import annotations

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.persistence.models import Committee, Person
from medflow.services.admin import committees, people

ADMIN = "admin@example.dk"
COST_CENTRES = {  # the payroll system's codes for the workplaces (fictitious, like the rest of the demo)
    "lok-skovvejens-skole": "5110", "lok-boernehuset-soendervang": "5120", "lok-tandplejen": "5130",
    "lok-bibliotek": "6210", "lok-idraetsanlaeg": "6220", "lok-jobcenter": "4110",
    "lok-plejecenter-skovbrynet": "7310", "lok-hjemmeplejen": "7320",
}
MUSIC_SCHOOL = {"key": "lok-musikskolen", "name": "Personalemøde med MED-status, Glostrup Musikskole",
                "level": "lokal", "parent": "cmed-kif", "cost_centre": "6230"}
NEWCOMER = {"email": "sofie.holm@example.dk", "name": "Sofie Holm", "workplace": "lok-musikskolen"}
DEMO_CSV = "medflow/demo/data/people.csv"


def load_ops_demo(session: Session) -> None:
    """Make the changes an administrator would, through the admin services (so they are audited)."""
    admin = session.scalar(select(Person).where(Person.email == ADMIN))
    if admin is None:
        return
    for key, code in COST_CENTRES.items():
        committee = session.scalar(select(Committee).where(Committee.key == key))
        if committee is not None and committee.cost_centre is None:
            committees.set_cost_centre(session, admin, key, code)
    if session.scalar(select(Committee).where(Committee.key == MUSIC_SCHOOL["key"])) is None:
        committees.create_committee(session, admin, **MUSIC_SCHOOL)
    if session.scalar(select(Person).where(Person.email == NEWCOMER["email"])) is None:
        people.add_person(session, admin, **NEWCOMER)
        people.add_role(session, admin, MUSIC_SCHOOL["key"], NEWCOMER["email"], "amr")
    click.echo(f"Administration: log in as {ADMIN} and open /admin (committees, people, roles, audit log).")
    click.echo(f"HR's people list: medflow org import {DEMO_CSV} --dry-run")
