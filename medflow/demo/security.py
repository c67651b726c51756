"""Demo data for the security features: a chair's own case, and an API token on the tokens page."""

from __future__ import annotations

import click
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import ApiToken, Case, Person
from medflow.services import cases as case_service
from medflow.services import users as user_service
from medflow.workflows import engines

CHAIR = "bo.rasmussen@example.dk"  # chair of LokalMED Ejendomme; Kim Petersen is its vice chair
OWN_CASE = case_service.NewCase(
    workflow="question", title="Kan vi få vinterjakker til udeholdet?",
    description="Udeholdet fryser i de gamle jakker. Kan der købes nye inden november?",
)
TOKEN_OWNER = "admin@example.dk"


def _person(email: str) -> Person | None:
    """Return the demo person with this email, if the demo organisation has them."""
    return db.session.scalar(select(Person).where(Person.email == email))


def load_security_demo(token_days: int) -> None:
    """Add a case submitted by a chair (only the vice chair may handle it) and an admin's API token."""
    chair, admin = _person(CHAIR), _person(TOKEN_OWNER)
    if chair is not None and not db.session.scalar(
            select(Case.id).where(Case.submitter_id == chair.id, Case.title == OWN_CASE.title)):
        case_service.submit_case(db.session, engines(), chair, OWN_CASE)
    if admin is not None and not db.session.scalar(select(ApiToken.id).where(ApiToken.person_id == admin.id)):
        user_service.issue_token(db.session, TOKEN_OWNER, token_days)
    if chair is not None:
        click.echo(f"Nobody handles their own case: {CHAIR} (chair of LokalMED Ejendomme) asked a question;"
                   " only the vice chair, kim.petersen@example.dk, may handle it.")
    if admin is not None:
        click.echo(f"API tokens with expiry and last use: /account/tokens (as {TOKEN_OWNER}).")
