"""Demo data for data protection: one old case already anonymised, one that soon will be.

Ida Holmgaard (an employee in Borgerservice) asked two questions that LokalMED Organisation og
Styring answered. The first was closed more than RETENTION_DAYS ago, so the demo anonymises it
as `medflow sweep` would; the second reaches the retention period in 30 days, so
`medflow retention --dry-run --now <in a month>` lists it. Loading the demo twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, Person
from medflow.services import cases as case_service
from medflow.services.privacy.retention import anonymise_due

EMPLOYEE, CHAIR = "ida.holmgaard@example.dk", "karen.bisgaard@example.dk"
OLD = ("Kan vi få hæve-sænkeborde i Borgerservice?",
       "Vi står og sidder skiftevis ved skranken, og flere har ondt i ryggen.",
       "Der er bestilt 12 hæve-sænkeborde; de bliver sat op i uge 44.")
SOON = ("Hvordan holder vi pauser, når der er kø ved skranken?",
        "Vi når ofte ikke at holde frokostpause på travle dage.",
        "Fra 1. marts lukker skranken kl. 12-12.30, og pauserne planlægges på tavlen.")


@dataclass(frozen=True)
class RetentionDemo:
    """What the demo made: the anonymised case and the one due soon, with when it is due."""

    anonymised: int
    due_soon: int
    due_on: datetime


def _answered(session: Session, engines: dict[str, WorkflowEngine], text: tuple[str, str, str],
              closed: datetime) -> int:
    """Let Ida ask, and Karen take up and answer the question, the answer given at `closed`."""
    ida = session.scalar(select(Person).where(Person.email == EMPLOYEE))
    karen = session.scalar(select(Person).where(Person.email == CHAIR))
    new = case_service.NewCase(workflow="question", title=text[0], description=text[1])
    case = case_service.submit_case(session, engines, ida, new, now=closed - timedelta(days=20))
    case_service.fire_event(session, engines, karen, case.id, "accept", case.version, {},
                            now=closed - timedelta(days=18))
    case_service.fire_event(session, engines, karen, case.id, "resolve", case.version,
                            {"answer": text[2], "outcome": "decision"}, now=closed)
    return case.id


def seed_retention_demo(session: Session, engines: dict[str, WorkflowEngine],
                        days: int) -> RetentionDemo | None:
    """Add the two demo cases once (None if the demo people are missing or it was done before)."""
    people = set(session.scalars(select(Person.email).where(Person.email.in_((EMPLOYEE, CHAIR)))))
    if len(people) < 2 or session.scalar(select(Case.id).where(Case.title == SOON[0])) is not None:
        return None
    now = utcnow()
    old = _answered(session, engines, OLD, now - timedelta(days=days + 400))
    soon = _answered(session, engines, SOON, now - timedelta(days=days - 30))
    anonymise_due(session, engines, now, days)
    return RetentionDemo(anonymised=old, due_soon=soon, due_on=now + timedelta(days=31))
