"""Typed fields of the organisation file: bounded text, lists and booleans, each problem with its line."""

from __future__ import annotations

from typing import Any

from medflow.domain.limits import ORG_TEXT_MAX
from medflow.domain.values import BAD_CHARACTERS
from medflow.domain.yamlsource import Problems


def text(p: Problems, item: dict, field: str, where: str, kind: str, required: bool = False) -> str | None:
    """Return a field as text (numbers become text), or None after recording why it is unusable."""
    value = item.get(field)
    if value is None or value == "":
        if required:
            p.add(item, f"{where}: {field!r} is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        p.add(item, f"{where}: {field!r} must be text")
        return None
    value, limit = str(value), ORG_TEXT_MAX[f"{kind}.{field}"]
    if BAD_CHARACTERS.search(value):
        p.add(item, f"{where}: {field!r} contains a control character")
        return None
    if len(value) > limit:
        p.add(item, f"{where}: {field!r} may be at most {limit} characters")
        return None
    return value


def key_of(item: Any, field: str) -> str | None:
    """Return a mapping's key-like field when it is text, else None (a list is never a key)."""
    value = item.get(field) if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def section(p: Problems, data: dict, name: str) -> list:
    """Return a top-level list (empty when left out); anything else is a problem."""
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        p.add(value, f"{name!r} must be a list", near=data)
        return []
    return value


def flag(p: Problems, item: dict, field: str, where: str) -> bool:
    """Return a YAML boolean (false when left out); 'no' in quotes or 1 is refused, not guessed."""
    value = item.get(field, False)
    if not isinstance(value, bool):
        p.add(item, f"{where}: {field!r} must be true or false")
        return False
    return value
