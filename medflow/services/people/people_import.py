"""Importing people from HR's CSV: plan first (what is added, changed, deactivated), then write all."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import DefinitionError, Problem
from medflow.domain.people_csv import PeopleFile, PersonRow
from medflow.persistence.models import Committee, Membership, Person
from medflow.services.admin import audit

SOURCE = "csv-import"


@dataclass
class Planned:
    """One person to add or change, with the committees resolved and what changes, in words."""

    row: PersonRow
    workplace: Committee
    person: Person | None = None
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What a full import would do; nothing is deleted, people missing from the file are deactivated."""

    added: list[Planned] = field(default_factory=list)
    changed: list[Planned] = field(default_factory=list)
    deactivated: list[Person] = field(default_factory=list)
    unchanged: int = 0


class _Org:
    """The open committees by key and by cost-centre code, and the people by e-mail."""

    def __init__(self, session: Session) -> None:
        committees = session.scalars(select(Committee)).all()
        self.by_key = {c.key: c for c in committees}
        self.by_code = {c.cost_centre: c for c in committees if c.cost_centre}
        self.people = {p.email: p for p in session.scalars(select(Person))}

    def workplace(self, row: PersonRow, file: str) -> Committee | Problem:
        found = self.by_key.get(row.workplace) if row.workplace else self.by_code.get(row.cost_centre or "")
        what = f"workplace {row.workplace!r}" if row.workplace else f"cost-centre code {row.cost_centre!r}"
        if found is None:
            return Problem(file, row.line, f"unknown {what}: no committee has it")
        if found.closed_at is not None:
            return Problem(file, row.line, f"{what} belongs to {found.key}, which is closed")
        return found

    def role_problems(self, row: PersonRow, file: str) -> list[Problem]:
        return [Problem(file, row.line, f"role {role!r} in a missing or closed committee {key!r}")
                for key, role in row.roles or () if key not in self.by_key or self.by_key[key].closed_at]


def _roles_of(person: Person) -> set[tuple[str, str]]:
    return {(m.committee.key, m.role) for m in person.memberships}


def _changes(person: Person, row: PersonRow, workplace: Committee) -> list[str]:
    changes = []
    if person.name != row.name:
        changes.append(f"name {person.name} → {row.name}")
    if person.workplace_id != workplace.id:
        changes.append(f"workplace {person.workplace.key if person.workplace else '-'} → {workplace.key}")
    if not person.active:
        changes.append("reactivated")
    if row.roles is not None and _roles_of(person) != set(row.roles):
        changes.append(f"roles {_fmt(_roles_of(person))} → {_fmt(set(row.roles))}")
    return changes


def _fmt(roles: set[tuple[str, str]]) -> str:
    return "; ".join(f"{k}:{r}" for k, r in sorted(roles)) or "none"


def plan_import(session: Session, people: PeopleFile) -> ImportPlan:
    """Resolve every row against the organisation; raise DefinitionError listing all problems."""
    org, plan, problems = _Org(session), ImportPlan(), list(people.problems)
    for row in people.rows:
        if not row.email or not (row.workplace or row.cost_centre):
            continue  # already reported by the parser
        workplace = org.workplace(row, people.file)
        problems += org.role_problems(row, people.file)
        if isinstance(workplace, Problem):
            problems.append(workplace)
            continue
        person = org.people.get(row.email)
        if person is None:
            plan.added.append(Planned(row, workplace))
        elif changes := _changes(person, row, workplace):
            plan.changed.append(Planned(row, workplace, person, changes))
        else:
            plan.unchanged += 1
    listed = {row.email for row in people.rows}
    plan.deactivated = [p for email, p in sorted(org.people.items())
                        if email not in listed and p.active and not p.is_admin]
    problems += _chairless(org, people, plan)
    if problems:
        raise DefinitionError(sorted(problems, key=lambda p: p.line or 0))
    return plan


def _chairs(roles, email: str, into: dict[str, set[str]]) -> None:
    for key, role in roles:
        if role == "chair":
            into.setdefault(key, set()).add(email)


def _chairless(org: _Org, people: PeopleFile, plan: ImportPlan) -> list[Problem]:
    """Refuse an import that would leave a committee that has a chair without one (name a successor)."""
    rows: dict[str, PersonRow] = {}
    for row in people.rows:
        rows.setdefault(row.email, row)  # a duplicate is reported on its own line
    leaving = {p.email for p in plan.deactivated}
    now: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    for email, person in org.people.items():
        if person.active:
            _chairs(_roles_of(person), email, now)
        row = rows.get(email)
        if email not in leaving and (person.active or row) and not (row and row.roles is not None):
            _chairs(_roles_of(person), email, after)
    for email, row in rows.items():
        _chairs(row.roles or (), email, after)
    return [Problem(people.file, None, f"committee {key!r} would lose its last chair "
                                       f"({', '.join(sorted(chairs))}): name the new chair in the file")
            for key, chairs in sorted(now.items()) if not after.get(key)]


def _set_roles(person: Person, roles: tuple[tuple[str, str], ...], committees: dict[str, Committee]) -> None:
    wanted = set(roles)
    for membership in [m for m in person.memberships if (m.committee.key, m.role) not in wanted]:
        person.memberships.remove(membership)
    have = _roles_of(person)
    person.memberships += [Membership(committee=committees[k], role=r) for k, r in roles if (k, r) not in have]


def apply_import(session: Session, people: PeopleFile, plan: ImportPlan) -> None:
    """Write the plan and an audit row per person in one transaction."""
    committees = {c.key: c for c in session.scalars(select(Committee))}
    for item in plan.added:
        person = Person(email=item.row.email, name=item.row.name, workplace=item.workplace, active=True)
        session.add(person)
        _set_roles(person, item.row.roles or (), committees)
        session.flush()
        audit.record(session, None, "person.add", person.email, None, audit.person_facts(person), source=SOURCE)
    for item in plan.changed:
        person, before = item.person, audit.person_facts(item.person)
        person.name, person.workplace, person.active = item.row.name, item.workplace, True
        if item.row.roles is not None:
            _set_roles(person, item.row.roles, committees)
        audit.record(session, None, "person.update", person.email, before,
                     {**audit.person_facts(person), "changes": item.changes}, source=SOURCE)
    for person in plan.deactivated:
        before = audit.person_facts(person)
        person.active = False
        audit.record(session, None, "person.deactivate", person.email, before, audit.person_facts(person),
                     source=SOURCE)
    session.commit()
