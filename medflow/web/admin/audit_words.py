"""The audit log in words: each kind of change, each fact and each value as an administrator says it."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext, lazy_gettext

from medflow.domain.sides import EMPLOYEE, MANAGEMENT
from medflow.web.display import ROLE_LABELS
from medflow.web.figures.words import KIND_TITLES

ACTIONS = {
    "committee.create": lazy_gettext("Committee created"),
    "committee.rename": lazy_gettext("Committee renamed"),
    "committee.cost_centre": lazy_gettext("Cost centre changed"),
    "committee.move": lazy_gettext("Committee moved"),
    "committee.close": lazy_gettext("Committee closed"),
    "person.add": lazy_gettext("Person added"),
    "person.update": lazy_gettext("Person changed"),
    "person.workplace": lazy_gettext("Workplace changed"),
    "person.activate": lazy_gettext("Person reactivated"),
    "person.deactivate": lazy_gettext("Person deactivated"),
    "role.add": lazy_gettext("Role given"),
    "role.remove": lazy_gettext("Role taken away"),
    "role.side": lazy_gettext("Side changed"),
    "figures.import": lazy_gettext("Key figures imported"),
}
FACTS = {
    "key": lazy_gettext("Key"), "name": lazy_gettext("Name"), "level": lazy_gettext("Level"),
    "parent": lazy_gettext("Committee above"), "cost_centre": lazy_gettext("Cost centre"),
    "closed": lazy_gettext("Closed"), "email": lazy_gettext("E-mail"), "workplace": lazy_gettext("Workplace"),
    "active": lazy_gettext("Active"), "admin": lazy_gettext("Administrator"),
    "committee": lazy_gettext("Committee"), "role": lazy_gettext("Role"), "changes": lazy_gettext("Changed"),
    "successor": lazy_gettext("Open cases moved to"), "cases_moved": lazy_gettext("Cases moved"),
    "kind": lazy_gettext("Kind of figures"), "file": lazy_gettext("File"), "added": lazy_gettext("Rows added"),
    "changed": lazy_gettext("Rows changed"), "removed": lazy_gettext("Rows removed"),
    "unchanged": lazy_gettext("Rows unchanged"), "side": lazy_gettext("Side"),
}
SIDE_WORDS = {MANAGEMENT: lazy_gettext("Management"), EMPLOYEE: lazy_gettext("Employees")}
SOURCES = {"admin": lazy_gettext("Administration"), "csv-import": lazy_gettext("Import of the people list"),
           "demo": lazy_gettext("Demo data"), "figures-import": lazy_gettext("Import of key figures")}


def action_label(action: str) -> str:
    """Return a kind of change in words (an unknown one as it was recorded, never blank)."""
    return str(ACTIONS.get(action, action))


def fact_label(key: str) -> str:
    """Return a fact's name in words."""
    return str(FACTS.get(key, key.replace("_", " ")))


COMMITTEE_FACTS = ("workplace", "parent", "committee", "successor")


def fact_value(key: str, value: Any, committees: dict[str, str] | None = None) -> str:
    """Return a recorded value in words: yes/no, a role's name, a committee's name, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if key in COMMITTEE_FACTS and committees and value in committees:
        return committees[value]
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if key == "role":
        return str(ROLE_LABELS.get(value, value))
    if key == "side":
        return str(SIDE_WORDS.get(value, value))
    if key == "kind" and value in KIND_TITLES:
        return str(KIND_TITLES[value])
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def source_label(source: str) -> str:
    """Return where a change came from in words."""
    return str(SOURCES.get(source, source))


HELPERS = {"action_label": action_label, "fact_label": fact_label, "fact_value": fact_value,
           "source_label": source_label}
