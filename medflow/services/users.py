"""Passwords and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import ApiToken, Person

_hasher = PasswordHasher()
MIN_PASSWORD = 8
TOKEN_PREFIX = "mf_"


def find_person(session: Session, email: str) -> Person:
    """Return the person with this email, or raise Unknown."""
    person = session.scalar(select(Person).where(Person.email == email.strip().lower()))
    if person is None:
        raise Unknown(_("No person with the email %(email)s."), email=email)
    return person


def _check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise Invalid(_("The password must be at least %(n)s characters."), n=MIN_PASSWORD)


def set_password(session: Session, email: str, password: str) -> Person:
    """Hash and store a new password (argon2id)."""
    _check_password(password)
    person = find_person(session, email)
    person.password_hash = _hasher.hash(password)
    session.commit()
    return person


def set_password_hash(session: Session, emails: list[str], password: str) -> int:
    """Give many people the same password, hashed once (for demo data); return how many."""
    _check_password(password)
    people = [find_person(session, email) for email in emails]
    password_hash = _hasher.hash(password)
    for person in people:
        person.password_hash = password_hash
    session.commit()
    return len(people)


def authenticate(session: Session, email: str, password: str) -> Person | None:
    """Return the active person whose email and password match, else None."""
    person = session.scalar(select(Person).where(Person.email == (email or "").strip().lower()))
    if person is None or not person.active or not person.password_hash:
        _hasher.hash("timing-equaliser")  # spend the same time as a real check
        return None
    try:
        _hasher.verify(person.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return None
    return person


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, email: str) -> str:
    """Create an API token for the person and return it; only its hash is kept."""
    person = find_person(session, email)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(person_id=person.id, token_hash=_digest(token), prefix=token[:10]))
    session.commit()
    return token


def revoke_tokens(session: Session, email: str) -> int:
    """Revoke every live token of the person; return how many."""
    person = find_person(session, email)
    live = [t for t in person.tokens if t.revoked_at is None]
    for token in live:
        token.revoked_at = utcnow()
    session.commit()
    return len(live)


# The live token's active owner, in one query built once (every API request runs it).
_PERSON_FOR_TOKEN = (
    select(Person).join(ApiToken, ApiToken.person_id == Person.id)
    .where(ApiToken.token_hash == bindparam("digest"), ApiToken.revoked_at.is_(None), Person.active.is_(True))
)


def person_for_token(session: Session, token: str) -> Person | None:
    """Return the active person a live token belongs to, else None (one query: token and person)."""
    return session.scalar(_PERSON_FOR_TOKEN, {"digest": _digest(token)})
