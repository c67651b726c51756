"""`medflow demo` shows a chair's own case waiting for the vice chair, and an admin's API token."""

from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import ApiToken, Case, Person
from medflow.services.cases import allowed_actions
from medflow.workflows import engines


def _person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def test_demo_has_a_chairs_own_case_that_only_the_vice_chair_may_handle(app):
    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Nobody handles their own case: bo.rasmussen@example.dk" in result.output
    with app.app_context():
        bo, kim = _person("bo.rasmussen@example.dk"), _person("kim.petersen@example.dk")
        case = db.session.scalar(select(Case).where(Case.submitter_id == bo.id))
        assert case.holder.key == "lok-ejendomme"
        assert allowed_actions(db.session, engines(), bo, case) == ["withdraw"]
        assert "accept" in allowed_actions(db.session, engines(), kim, case)
        admin = _person("admin@example.dk")
        token = db.session.scalar(select(ApiToken).where(ApiToken.person_id == admin.id))
        assert token.revoked_at is None and (token.expires_at - token.created_at).days == 90
