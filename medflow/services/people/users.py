"""Passwords and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload

from medflow.domain.errors import Invalid, Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import ApiToken, Person
from medflow.persistence.org import new_session_token

_hasher = PasswordHasher()
MIN_PASSWORD = 8
TOKEN_PREFIX = "mf_"
TOKEN_DAYS = 90  # how long a new API token lives (API_TOKEN_DAYS)


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
    person.session_token = new_session_token()  # a new password logs out every earlier session
    session.commit()
    return person


def end_sessions(session: Session, person: Person) -> None:
    """End every session of `person` (log-out): the session id they carry no longer matches."""
    person.session_token = new_session_token()
    session.commit()


def set_active(session: Session, email: str, active: bool) -> Person:
    """Let a person log in and use the API again, or stop them (ending every session of theirs)."""
    person = find_person(session, email)
    person.active = active
    end_sessions(session, person)
    return person


def person_for_session(session: Session, session_id: str) -> Person | None:
    """Return the active person whose current session id this is, else None (ended or forged)."""
    person_id, _sep, token = session_id.partition(":")
    if not (person_id.isascii() and person_id.isdigit()) or len(person_id) > 18 or not token:
        return None
    person = session.get(Person, int(person_id))
    if person is None or not person.active:
        return None
    return person if secrets.compare_digest(token, person.session_token or "") else None


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


def token_digest(token: str) -> str:
    """Return what is stored of a token: its SHA-256 (the token itself is shown once, never kept)."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, email: str, days: int = TOKEN_DAYS) -> str:
    """Create an API token for the person, valid for `days`, and return it; only its hash is kept."""
    person = find_person(session, email)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    session.add(ApiToken(person_id=person.id, token_hash=token_digest(token), prefix=token[:10],
                         created_at=now, expires_at=now + timedelta(days=days)))
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


# A presented token's row with its owner, in one query built once (every API request runs it).
_TOKEN_AND_PERSON = (select(ApiToken).options(joinedload(ApiToken.person))
                     .where(ApiToken.token_hash == bindparam("digest")))


def token_row(session: Session, token: str) -> ApiToken | None:
    """Return the stored token row (with its person) for a presented token, live or not, else None."""
    return session.scalar(_TOKEN_AND_PERSON, {"digest": token_digest(token)})


def person_for_token(session: Session, token: str) -> Person | None:
    """Return the active person a live, unexpired token belongs to, else None."""
    row = token_row(session, token)
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow() or not row.person.active:
        return None
    return row.person


def remember_language(session: Session, person: Person, code: str) -> None:
    """Keep the person's chosen UI language, so it holds in their next session and on every device."""
    if person.language != code:
        person.language = code
        session.commit()
