"""Single sign-on: match the identity provider's verified e-mail to a person; never create one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from medflow.domain.errors import NotAllowed, Unknown, _
from medflow.persistence.models import Case, Person


def email_from(claims: Mapping[str, Any], claim: str) -> str:
    """Return the e-mail the provider vouches for, lower-cased; raise Unknown when there is none."""
    value = claims.get(claim)
    if not isinstance(value, str) or "@" not in value:
        raise Unknown(_("Your log-in did not include an e-mail address (the %(claim)s claim)."), claim=claim)
    if claim == "email" and claims.get("email_verified") is False:
        raise NotAllowed(_("Your identity provider has not verified the e-mail address %(email)s."),
                         email=value)
    return value.strip().lower()


def person_for_email(session: Session, email: str) -> Person:
    """Return the person with this e-mail (active or not); raise Unknown with a clear message."""
    person = session.scalar(select(Person).where(Person.email == email))
    if person is None:
        raise Unknown(_("%(email)s is not registered in medflow. Ask the MED secretariat to add you."),
                      email=email)
    return person


def own_cases(session: Session, person: Person) -> list[Case]:
    """Return the cases a person submitted, newest first (what a deactivated person may still read)."""
    return list(session.scalars(select(Case).where(Case.submitter_id == person.id)
                                .options(selectinload(Case.history)).order_by(Case.id.desc())))
