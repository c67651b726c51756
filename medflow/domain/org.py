"""The organisation file: levels, committees and people, validated before anything is written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from medflow.domain import org_fields as fields
from medflow.domain.definitions import COMMITTEE_ROLES
from medflow.domain.errors import DefinitionError, Problem
from medflow.domain.limits import ORG_TEXT_MAX
from medflow.domain.yamlsource import Problems, line_of

DEFAULT_LEVELS = (("kommune", "KommuneMED"), ("omraade", "OmrådeMED"), ("lokal", "LokalMED"))
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COMMITTEE_KEYS = {"key", "name", "level", "parent", "kind", "description"}
PERSON_KEYS = {"email", "name", "workplace", "roles", "admin"}


@dataclass(frozen=True)
class LevelSpec:
    key: str
    name: str
    rank: int  # 0 is the top


@dataclass(frozen=True)
class CommitteeSpec:
    key: str
    name: str
    level: str
    parent: str | None
    kind: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class PersonSpec:
    email: str
    name: str
    workplace: str | None
    roles: tuple[tuple[str, str], ...]  # (committee key, role)
    admin: bool = False


@dataclass(frozen=True)
class OrgSpec:
    """A validated organisation, ready to be written."""

    levels: tuple[LevelSpec, ...]
    committees: tuple[CommitteeSpec, ...]
    people: tuple[PersonSpec, ...]


def _levels(p: Problems, data: dict) -> tuple[LevelSpec, ...]:
    raw = data.get("levels")
    if raw is None:
        return tuple(LevelSpec(k, n, i) for i, (k, n) in enumerate(DEFAULT_LEVELS))
    result, seen = [], set()
    for i, item in enumerate(fields.section(p, data, "levels")):
        key = fields.key_of(item, "key") if isinstance(item, dict) else item
        if not isinstance(key, str) or not KEY_RE.match(key) or len(key) > ORG_TEXT_MAX["level.key"]:
            p.add(item, f"level {key!r}: a level needs a key of lowercase letters, digits or -", near=raw)
            continue
        if key in seen:
            p.add(item, f"level {key!r} is listed twice", near=raw)
        seen.add(key)
        name = fields.text(p, item, "name", f"level {key!r}", "level") if isinstance(item, dict) else None
        result.append(LevelSpec(key, name or key, i))
    if not result:
        p.add(raw, "'levels' must list at least one level, top first", near=data)
    return tuple(result)


def _committee(p: Problems, item: Any, levels: dict[str, LevelSpec], near: Any) -> CommitteeSpec | None:
    if not isinstance(item, dict):
        p.add(item, "a committee must be a mapping with key, name and level", near=near)
        return None
    key = item.get("key")
    where = f"committee {key!r}"
    for extra in sorted(set(item) - COMMITTEE_KEYS, key=str):
        p.add(item, f"{where}: unknown field {extra!r}")
    if not isinstance(key, str) or not KEY_RE.match(key) or len(key) > ORG_TEXT_MAX["committee.key"]:
        p.add(item, f"{where}: the key must be lowercase letters, digits, - or _")
        return None
    name = fields.text(p, item, "name", where, "committee", required=True)
    level = fields.key_of(item, "level")
    if level not in levels:
        p.add(item, f"{where}: unknown level {item.get('level')!r}")
    parent = item.get("parent")
    if parent is not None and not isinstance(parent, str):
        p.add(item, f"{where}: 'parent' must be a committee key")
        parent = None
    return CommitteeSpec(
        key, name or key, str(level), parent,
        fields.text(p, item, "kind", where, "committee"),
        fields.text(p, item, "description", where, "committee"),
    )


def _check_tree(p: Problems, raw: list, specs: list, levels: dict[str, LevelSpec]) -> None:
    by_key: dict[str, CommitteeSpec] = {}
    for node, c in zip(raw, specs, strict=True):
        if c is None:
            continue
        if c.key in by_key:
            p.add(node, f"committee {c.key!r}: duplicate key")
        by_key[c.key] = c
    for node, c in zip(raw, specs, strict=True):
        if c is None or c.parent is None:
            continue
        parent = by_key.get(c.parent)
        if parent is None:
            p.add(node, f"committee {c.key!r}: unknown parent {c.parent!r}")
        elif c.level in levels and parent.level in levels and (
            levels[parent.level].rank >= levels[c.level].rank
        ):
            p.add(node, f"committee {c.key!r}: parent {c.parent!r} is not on a higher level")
    cyclic = _in_cycles(by_key)
    for node, c in zip(raw, specs, strict=True):
        if c is not None and c.key in cyclic:
            p.add(node, f"committee {c.key!r}: its parents form a cycle")


def _in_cycles(by_key: dict[str, CommitteeSpec]) -> set[str]:
    """Return the keys whose chain of parents runs into a cycle, in one pass (a long chain stays linear)."""
    result: dict[str, bool] = {}
    for start in by_key:
        path, on_path, current = [], set(), start
        while current in by_key and current not in result and current not in on_path:
            path.append(current)
            on_path.add(current)
            current = by_key[current].parent
        cyclic = current in on_path or result.get(current, False)
        result.update(dict.fromkeys(path, cyclic))
    return {key for key, cyclic in result.items() if cyclic}


def _roles(p: Problems, item: dict, where: str, committees: set[str]) -> tuple:
    raw, result = item.get("roles") or [], []
    if not isinstance(raw, list):
        p.add(item, f"{where}: 'roles' must be a list of {{committee, role}}")
        return ()
    for role in raw:
        if not isinstance(role, dict):
            p.add(role, f"{where}: a role must be a mapping with committee and role", near=item)
            continue
        committee, name = fields.key_of(role, "committee"), fields.key_of(role, "role")
        if committee not in committees:
            p.add(role, f"{where}: unknown committee {role.get('committee')!r} in roles")
        if name not in COMMITTEE_ROLES:
            allowed = ", ".join(COMMITTEE_ROLES)
            p.add(role, f"{where}: unknown role {role.get('role')!r} (allowed: {allowed})")
        result.append((str(committee), str(name)))
    return tuple(result)


def _person(p: Problems, item: Any, committees: set[str], near: Any) -> PersonSpec | None:
    if not isinstance(item, dict):
        p.add(item, "a person must be a mapping with email and name", near=near)
        return None
    raw_email = item.get("email")
    email = raw_email.strip().lower() if isinstance(raw_email, str) else ""
    where = f"person {email or '?'}"
    for extra in sorted(set(item) - PERSON_KEYS, key=str):
        p.add(item, f"{where}: unknown field {extra!r}")
    if not EMAIL_RE.match(email) or len(email) > ORG_TEXT_MAX["person.email"]:
        p.add(item, f"{where}: a valid 'email' is required")
    name = fields.text(p, item, "name", where, "person", required=True)
    workplace = item.get("workplace")
    if workplace is not None and not isinstance(workplace, str):
        p.add(item, f"{where}: 'workplace' must be a committee key")
        workplace = None
    elif workplace is not None and workplace not in committees:
        p.add(item, f"{where}: unknown workplace {workplace!r}")
    roles = _roles(p, item, where, committees)
    return PersonSpec(email, name or email, workplace, roles, fields.flag(p, item, "admin", where))


def parse_org(data: Any, file: str) -> OrgSpec:
    """Validate an organisation document; raise DefinitionError listing every problem."""
    p = Problems(file)
    if not isinstance(data, dict):
        message = "the file must be a mapping with 'committees'"
        raise DefinitionError([Problem(file, line_of(data) or 1, message)])
    for extra in sorted(set(data) - {"levels", "committees", "people"}, key=str):
        p.add(data, f"unknown section {extra!r}")
    levels = _levels(p, data)
    by_level = {lv.key: lv for lv in levels}
    raw_committees = fields.section(p, data, "committees")
    specs = [_committee(p, item, by_level, raw_committees) for item in raw_committees]
    _check_tree(p, raw_committees, specs, by_level)
    keys = {c.key for c in specs if c}
    people, emails = [], set()
    raw_people = fields.section(p, data, "people")
    for item in raw_people:
        person = _person(p, item, keys, raw_people)
        if person and person.email in emails:
            p.add(item, f"person {person.email}: duplicate email")
        if person:
            emails.add(person.email)
            people.append(person)
    if p:
        raise DefinitionError(list(p))
    return OrgSpec(levels, tuple(c for c in specs if c), tuple(people))
