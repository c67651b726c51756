"""Demo data for the security features: a chair's own case, and an API token on the tokens page."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.persistence.models import ApiToken, Case, Person
from medflow.services import cases as case_service
from medflow.services.people import users as user_service

CHAIR = "bo.rasmussen@example.dk"  # chair of LokalMED Ejendomme; Kim Petersen is its vice chair
OWN_CASE = case_service.NewCase(
    workflow="question", title="Kan vi få vinterjakker til udeholdet?",
    description="Udeholdet fryser i de gamle jakker. Kan der købes nye inden november?",
)
TOKEN_OWNER = "admin@example.dk"


def _person(session: Session, email: str) -> Person | None:
    """Return the demo person with this email, if the demo organisation has them."""
    return session.scalar(select(Person).where(Person.email == email))


def load_security_demo(session: Session, engines: dict[str, WorkflowEngine], token_days: int) -> list[str]:
    """Add a case submitted by a chair (only the vice chair may handle it) and an admin's API token.

    Returns the lines `medflow demo` prints about them.
    """
    chair, admin = _person(session, CHAIR), _person(session, TOKEN_OWNER)
    hints = []
    if chair is not None:
        own = select(Case.id).where(Case.submitter_id == chair.id, Case.title == OWN_CASE.title)
        if not session.scalar(own):
            case_service.submit_case(session, engines, chair, OWN_CASE)
        hints.append(f"Nobody handles their own case: {CHAIR} (chair of LokalMED Ejendomme) asked a question;"
                     " only the vice chair, kim.petersen@example.dk, may handle it.")
    if admin is not None:
        if not session.scalar(select(ApiToken.id).where(ApiToken.person_id == admin.id)):
            user_service.issue_token(session, TOKEN_OWNER, token_days)
        hints.append(f"API tokens with expiry and last use: /account/tokens (as {TOKEN_OWNER}).")
    return hints
