"""Demo data for the visibility rule: a confidential case that has moved up from a workplace.

Martin Lindberg asks in confidence; Jens Kofoed, chair of LokalMED Jobcenter, forwards it to
CenterMED Borger og Arbejdsmarked. Now its chair and vice chair read it; Jens (chair where it was,
an ordinary member where it is) and the administrator see only that it exists; the others nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.persistence.models import Case, Person
from medflow.services.cases import NewCase, fire_event, submit_case

TITLE = "Krænkende bemærkninger på teammøderne"
DESCRIPTION = ("En kollega kommer gentagne gange med nedsættende bemærkninger om mit udseende på "
               "teammøderne. Jeg vil gerne have hjælp, men ønsker ikke, at hele udvalget kender sagen.")
REASON = "Sagen involverer ledelsen i centret og hører til i CenterMED."
SUBMITTER, CHAIR = "martin.lindberg@example.dk", "jens.kofoed@example.dk"
HINTS = (
    (SUBMITTER, "submitted it in confidence: reads it"),
    ("anne-marie.kristensen@example.dk", "chair of the CenterMED that holds it: reads and handles it"),
    (CHAIR, "chair of the LokalMED it came from: sees only that it exists"),
    ("admin@example.dk", "administrator: sees only that it exists"),
    ("rasmus.dahl@example.dk", "vice chair of both committees: reads it"),
    ("sara.ahmadi@example.dk", "work-environment representative in both: does not see it"),
)


def add_confidential_case(session: Session, engines: dict[str, WorkflowEngine]) -> list[tuple[str, str]]:
    """Open and forward the confidential demo case (once); return (email, what they see) for the hints."""
    emails = [email for email, _what in HINTS]
    people = {p.email: p for p in session.scalars(select(Person).where(Person.email.in_(emails)))}
    if len(people) < len(HINTS):  # another demo organisation: nothing to show this on
        return []
    if session.scalar(select(Case.id).where(Case.title == TITLE)) is None:
        case = submit_case(session, engines, people[SUBMITTER],
                           NewCase("question", TITLE, DESCRIPTION, confidential=True))
        case = fire_event(session, engines, people[CHAIR], case.id, "accept", case.version, {})
        fire_event(session, engines, people[CHAIR], case.id, "forward", case.version, {"comment": REASON})
    return list(HINTS)
