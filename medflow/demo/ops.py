"""The demo's administration story: cost centres from HR, a new staff meeting, a newcomer — all audited.

Run by `medflow demo` after the organisation is loaded; running it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

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
DEMO_CSV = Path(__file__).resolve().parent / "data" / "people.csv"  # shipped in the package


def _shown(path: Path) -> str:
    """Return the path as the reader can type it: relative to the working folder if inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_ops_demo(session: Session) -> list[str]:
    """Make the changes an administrator would, through the admin services (so they are audited).

    Returns the lines `medflow demo` prints about them.
    """
    admin = session.scalar(select(Person).where(Person.email == ADMIN))
    if admin is None:
        return []
    for key, code in COST_CENTRES.items():
        committee = session.scalar(select(Committee).where(Committee.key == key))
        if committee is not None and committee.cost_centre is None:
            committees.set_cost_centre(session, admin, key, code)
    if session.scalar(select(Committee).where(Committee.key == MUSIC_SCHOOL["key"])) is None:
        committees.create_committee(session, admin, **MUSIC_SCHOOL)
    if session.scalar(select(Person).where(Person.email == NEWCOMER["email"])) is None:
        people.add_person(session, admin, **NEWCOMER)
        people.add_role(session, admin, MUSIC_SCHOOL["key"], NEWCOMER["email"], "amr")
    return [f"Administration: log in as {ADMIN} and open /admin (committees, people, roles, audit log).",
            f"HR's people list: medflow org import {_shown(DEMO_CSV)} --dry-run"]
