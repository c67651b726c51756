"""API tokens over their life: checked with their expiry, last use recorded, listed and revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session, joinedload

from medflow.domain.errors import NotAllowed, NotPossible, Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import ApiToken, Person
from medflow.services.people.users import token_digest

TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often per token


@dataclass(frozen=True)
class TokenCheck:
    """Who a presented token belongs to, or why it does not count."""

    person: Person | None
    expired: bool = False


# Every API request runs this: the owner as the one loaded object, the token's dates as plain columns
# (loading the token row too, with its person joined, cost more than running the query).
_OWNER_AND_TOKEN = (select(Person, ApiToken.id, ApiToken.revoked_at, ApiToken.expires_at, ApiToken.last_used_at)
                    .join(ApiToken, ApiToken.person_id == Person.id)
                    .where(ApiToken.token_hash == bindparam("digest")))


def check_token(session: Session, token: str, now: datetime | None = None) -> TokenCheck:
    """Return the live token's owner (recording its use); `expired` when it ran out."""
    now = now or utcnow()
    row = session.execute(_OWNER_AND_TOKEN, {"digest": token_digest(token)}).first()
    if row is None or row.revoked_at is not None or not row.Person.active:
        return TokenCheck(None)
    if is_expired(row, now):
        return TokenCheck(None, expired=True)
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        _touch(session, row.id, now)
    return TokenCheck(row.Person)


def _touch(session: Session, token_id: int, now: datetime) -> None:
    """Record a use; guarded so concurrent requests write it once a minute, not once each."""
    session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id,
               or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at <= now - TOUCH_EVERY))
        .values(last_used_at=now)
        .execution_options(synchronize_session="fetch")
    )
    session.commit()


def is_expired(row, now: datetime | None = None) -> bool:
    """Tell whether a token's time has run out (`row`: a token, or a row with its `expires_at`)."""
    return row.expires_at <= (now or utcnow())


def tokens_of(session: Session, person: Person) -> list[ApiToken]:
    """Return a person's tokens, newest first."""
    return list(session.scalars(
        select(ApiToken).where(ApiToken.person_id == person.id).order_by(ApiToken.id.desc())))


def live_tokens(session: Session, now: datetime | None = None) -> list[ApiToken]:
    """Return everyone's tokens that still work (for admins), newest first."""
    now = now or utcnow()
    return list(session.scalars(
        select(ApiToken).options(joinedload(ApiToken.person))
        .where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > now).order_by(ApiToken.id.desc())))


def revoke_token(session: Session, actor: Person | None, token_id: int) -> ApiToken:
    """Revoke one token: its owner or an admin may (`actor` None: the command line)."""
    row = session.get(ApiToken, token_id)
    if row is None:
        raise Unknown(_("No API token with the id %(id)s."), id=token_id)
    if actor is not None and actor.id != row.person_id and not actor.is_admin:
        raise NotAllowed(_("You may only revoke your own API tokens."))
    if row.revoked_at is not None:
        raise NotPossible(_("The API token %(prefix)s… is already revoked."), prefix=row.prefix)
    row.revoked_at = utcnow()
    session.commit()
    return row
