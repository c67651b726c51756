"""Demo data for mail: a few people's e-mail choices and an address that bounces (for /admin/mail).

Safe to run again: choices are set, and the bounced messages are added only once.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.mailprefs import DIGEST, NOW, OFF, Choices
from medflow.persistence.base import utcnow
from medflow.persistence.models import OutboxMessage, Person
from medflow.services.mail import mail_prefs

CHOICES = {  # a chair, a vice chair who reads once a day, an AMR who wants everything at once
    "klaus.brandt@example.dk": Choices({"submitted": NOW, "committees": DIGEST, "deadlines": NOW,
                                        "information": DIGEST}, 7),
    "kasper.moeller@example.dk": Choices({"submitted": NOW, "committees": DIGEST, "deadlines": DIGEST,
                                          "information": OFF, "meetings": DIGEST}, 16),
    "line.damgaard@example.dk": Choices({"submitted": NOW, "committees": NOW, "deadlines": NOW,
                                         "information": NOW}, 7),
}
BOUNCING = "allan.bork@example.dk"
BOUNCE = "SMTPRecipientsRefused: {'allan.bork@example.dk': (550, b'5.1.1 Postkassen findes ikke')}"
BOUNCED = ("[MED] Dit daglige overblik: 2 sag(er)", "[MED] Dit daglige overblik: 1 sag(er)")


def seed_mail_demo(session: Session) -> None:
    """Set the demo people's e-mail choices and record two bounced digests to one address."""
    for email, chosen in CHOICES.items():
        person = session.scalar(select(Person).where(Person.email == email))
        if person is not None:
            mail_prefs.save(session, person, chosen, email_on=True)
    known = set(session.scalars(select(OutboxMessage.subject).where(OutboxMessage.recipient == BOUNCING)))
    person_id = session.scalar(select(Person.id).where(Person.email == BOUNCING))
    now = utcnow()
    for days, subject in enumerate(BOUNCED, start=1):
        if subject not in known and person_id is not None:
            when = now - timedelta(days=days)
            session.add(OutboxMessage(
                recipient=BOUNCING, subject=subject, person_id=person_id, created_at=when,
                body="Kære Allan Bork\n\nHer er, hvad der er sket i MED siden dit sidste overblik.\n",
                attempts=1, next_attempt_at=when, failed_at=when, last_error=BOUNCE))
    session.commit()
