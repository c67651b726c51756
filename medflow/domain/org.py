"""The organisation file: levels, committees and people, validated before anything is written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from medflow.domain.definitions import COMMITTEE_ROLES
from medflow.domain.errors import DefinitionError, Problem
from medflow.domain.yamlsource import Problems

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


def _levels(p: Problems, raw: Any) -> tuple[LevelSpec, ...]:
    if raw is None:
        return tuple(LevelSpec(k, n, i) for i, (k, n) in enumerate(DEFAULT_LEVELS))
    result, seen = [], set()
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        key = item.get("key") if isinstance(item, dict) else item
        if not isinstance(key, str) or not KEY_RE.match(key):
            p.add(item, f"level {key!r}: a level needs a key of lowercase letters, digits or -")
            continue
        if key in seen:
            p.add(item, f"level {key!r} is listed twice")
        seen.add(key)
        name = item.get("name", key) if isinstance(item, dict) else key
        result.append(LevelSpec(key, str(name), i))
    if not result:
        p.add(raw, "'levels' must list at least one level, top first")
    return tuple(result)


def _committee(p: Problems, item: Any, levels: dict[str, LevelSpec]) -> CommitteeSpec | None:
    if not isinstance(item, dict):
        p.add(item, "a committee must be a mapping with key, name and level")
        return None
    key = item.get("key")
    where = f"committee {key!r}"
    for extra in sorted(set(item) - COMMITTEE_KEYS, key=str):
        p.add(item, f"{where}: unknown field {extra!r}")
    if not isinstance(key, str) or not KEY_RE.match(key):
        p.add(item, f"{where}: the key must be lowercase letters, digits, - or _")
        return None
    if not item.get("name"):
        p.add(item, f"{where}: 'name' is missing")
    if item.get("level") not in levels:
        p.add(item, f"{where}: unknown level {item.get('level')!r}")
    return CommitteeSpec(
        key, str(item.get("name") or key), str(item.get("level")), item.get("parent"),
        item.get("kind"), item.get("description"),
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
    for node, c in zip(raw, specs, strict=True):
        if c is not None and _in_cycle(c.key, by_key):
            p.add(node, f"committee {c.key!r}: its parents form a cycle")


def _in_cycle(key: str, by_key: dict[str, CommitteeSpec]) -> bool:
    seen, current = set(), by_key.get(key)
    while current is not None and current.parent is not None:
        if current.key in seen:
            return True
        seen.add(current.key)
        current = by_key.get(current.parent)
        if current is not None and current.key == key:
            return True
    return False


def _roles(p: Problems, item: dict, where: str, committees: set[str]) -> tuple:
    result = []
    for role in item.get("roles") or []:
        if not isinstance(role, dict):
            p.add(item, f"{where}: a role must be a mapping with committee and role")
            continue
        if role.get("committee") not in committees:
            p.add(role, f"{where}: unknown committee {role.get('committee')!r} in roles")
        if role.get("role") not in COMMITTEE_ROLES:
            allowed = ", ".join(COMMITTEE_ROLES)
            p.add(role, f"{where}: unknown role {role.get('role')!r} (allowed: {allowed})")
        result.append((str(role.get("committee")), str(role.get("role"))))
    return tuple(result)


def _person(p: Problems, item: Any, committees: set[str]) -> PersonSpec | None:
    if not isinstance(item, dict):
        p.add(item, "a person must be a mapping with email and name")
        return None
    email = str(item.get("email") or "").strip().lower()
    where = f"person {email or '?'}"
    for extra in sorted(set(item) - PERSON_KEYS, key=str):
        p.add(item, f"{where}: unknown field {extra!r}")
    if not EMAIL_RE.match(email):
        p.add(item, f"{where}: a valid 'email' is required")
    if not item.get("name"):
        p.add(item, f"{where}: 'name' is missing")
    workplace = item.get("workplace")
    if workplace is not None and workplace not in committees:
        p.add(item, f"{where}: unknown workplace {workplace!r}")
    roles = _roles(p, item, where, committees)
    return PersonSpec(email, str(item.get("name") or email), workplace, roles, bool(item.get("admin")))


def parse_org(data: Any, file: str) -> OrgSpec:
    """Validate an organisation document; raise DefinitionError listing every problem."""
    p = Problems(file)
    if not isinstance(data, dict):
        raise DefinitionError([Problem(file, None, "the file must be a mapping with 'committees'")])
    for extra in sorted(set(data) - {"levels", "committees", "people"}, key=str):
        p.add(data, f"unknown section {extra!r}")
    levels = _levels(p, data.get("levels"))
    by_level = {lv.key: lv for lv in levels}
    raw_committees = data.get("committees") or []
    specs = [_committee(p, item, by_level) for item in raw_committees]
    _check_tree(p, raw_committees, specs, by_level)
    keys = {c.key for c in specs if c}
    people, emails = [], set()
    for item in data.get("people") or []:
        person = _person(p, item, keys)
        if person and person.email in emails:
            p.add(item, f"person {person.email}: duplicate email")
        if person:
            emails.add(person.email)
            people.append(person)
    if p:
        raise DefinitionError(list(p))
    return OrgSpec(levels, tuple(c for c in specs if c), tuple(people))
