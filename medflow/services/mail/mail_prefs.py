"""Each person's mail choices: read them for many people at once, save them, unsubscribe one kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from medflow.domain.errors import Unknown, _
from medflow.domain.mailprefs import DIGEST, DIGEST_KIND, KINDS, NOW, OFF, Choices, mail_kind
from medflow.persistence.mail import MailPreference
from medflow.persistence.models import Case, Person
from medflow.services.cascades import WORKFLOW as CASCADE
from medflow.services.mail.outbox import Draft, enqueue_draft


def choices_for(session: Session, person_ids: Iterable[int]) -> dict[int, Choices]:
    """Return the choices of these people (the defaults for anyone who never chose)."""
    ids = list(set(person_ids))
    found = {row.person_id: row.choices() for row in
             session.scalars(select(MailPreference).where(MailPreference.person_id.in_(ids)))} if ids else {}
    return {i: found.get(i, Choices({})) for i in ids}


def choices(session: Session, person: Person) -> Choices:
    """Return one person's choices."""
    return choices_for(session, [person.id])[person.id]


def kind_for(case: Case, event: str, person_id: int) -> str:
    """Return which kind of mail an event on this case is for this reader."""
    return mail_kind(event, own_case=case.submitter_id == person_id, cascade=case.workflow == CASCADE)


def mode_for(person: Person, chosen: Choices, kind: str) -> str:
    """Return how this person gets mail of this kind; the old all-off switch wins."""
    if person.email_opt_out or not person.email or not person.active:
        return OFF
    return chosen.mode(kind)


def queue_chosen(session: Session, people: Iterable[Person], kind_of: Callable[[Person], str],
                 draft: Callable[[Person], Draft], now: datetime) -> int:
    """Queue the mail of everyone who wants this kind at once; return how many were queued.

    The one place case and meeting mail ask a person's choices: the others hear of it in their
    digest (it reads the notification later) or not by mail at all.
    """
    people = list(people)
    chosen, queued = choices_for(session, [person.id for person in people]), 0
    for person in people:
        if mode_for(person, chosen[person.id], kind_of(person)) == NOW:
            enqueue_draft(session, person.id, person.email, draft(person), now=now)
            queued += 1
    return queued


def preference_row(session: Session, person_id: int) -> MailPreference:
    """Return the person's stored row, creating it with the defaults (safe against a racing insert)."""
    row = session.scalar(select(MailPreference).where(MailPreference.person_id == person_id))
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = MailPreference(person_id=person_id)
            session.add(row)
    except IntegrityError:
        row = session.scalar(select(MailPreference).where(MailPreference.person_id == person_id))
    return row


def save(session: Session, person: Person, chosen: Choices, email_on: bool) -> Choices:
    """Store the person's mode per kind, digest hour and the all-off switch."""
    row = preference_row(session, person.id)
    for kind in KINDS:
        setattr(row, kind, chosen.mode(kind))
    row.digest_hour = chosen.hour
    person.email_opt_out = not email_on
    session.commit()
    return row.choices()


def unsubscribe(session: Session, person_id: int, kind: str) -> list[str]:
    """Turn one kind off (or every kind in the digest); return the kinds that were turned off."""
    person = session.get(Person, person_id)
    if person is None:
        raise Unknown(_("There is no such person."))
    row = preference_row(session, person_id)
    wanted = DIGEST if kind == DIGEST_KIND else None
    kinds = [k for k in KINDS if getattr(row, k) == wanted] if wanted else [kind]
    for each in kinds:
        setattr(row, each, OFF)
    session.commit()
    return kinds

