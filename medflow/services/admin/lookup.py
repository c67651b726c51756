"""Finding committees, people and levels by what an administrator types, with clear errors."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, Unknown, _
from medflow.persistence.models import Committee, Level, Person

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{1,79}$")  # as in the organisation file
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def text(value: object, field: str, limit: int) -> str:
    """Return a stripped required text, or raise Invalid naming the field."""
    cleaned = value.strip() if isinstance(value, str) else ""
    if not cleaned:
        raise Invalid(_("%(field)s is required."), field=field)
    if len(cleaned) > limit:
        raise Invalid(_("%(field)s may be at most %(n)s characters."), field=field, n=limit)
    return cleaned


def committee(session: Session, key: object, field: str = "committee", *, open_only: bool = True) -> Committee:
    """Return the committee with this key (open unless told otherwise), or raise naming the field."""
    found = session.scalar(select(Committee).where(Committee.key == str(key or "").strip()))
    if found is None:
        raise Unknown(_("%(field)s: no committee with the key %(key)s."), field=field, key=key)
    if open_only and found.closed_at is not None:
        raise Invalid(_("%(field)s: the committee %(key)s is closed."), field=field, key=found.key)
    return found


def level(session: Session, key: object) -> Level:
    """Return the level with this key, or raise Invalid naming the field."""
    found = session.scalar(select(Level).where(Level.key == str(key or "").strip()))
    if found is None:
        raise Invalid(_("level: no level with the key %(key)s."), key=key)
    return found


def person(session: Session, email: object, field: str = "email") -> Person:
    """Return the person with this e-mail, or raise Unknown naming the field."""
    found = session.scalar(select(Person).where(Person.email == str(email or "").strip().lower()))
    if found is None:
        raise Unknown(_("%(field)s: no person with the e-mail %(email)s."), field=field, email=email)
    return found


def email(value: object) -> str:
    """Return a normalised e-mail address, or raise Invalid."""
    cleaned = text(value, "email", 254).lower()
    if not EMAIL.match(cleaned):
        raise Invalid(_("email: %(email)s is not an e-mail address."), email=cleaned)
    return cleaned
