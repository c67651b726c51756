"""API tokens expire, record their last use at most once a minute, and are listed and revoked."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import ApiToken
from medflow.services.people.tokens import check_token
from medflow.services.people.users import issue_token
from tests.factories import ApiClient

EXPIRED = "The API token has expired. Make a new one on your API tokens page (/account/tokens)."


def _token(app, email="lene@example.dk"):
    with app.app_context():
        return issue_token(db.session, email, app.config["API_TOKEN_DAYS"])


def _row(app) -> ApiToken:
    with app.app_context():
        row = db.session.scalars(select(ApiToken).order_by(ApiToken.id.desc())).first()
        db.session.expunge_all()
        return row


def test_a_new_token_expires_after_api_token_days(app, org):
    app.config["API_TOKEN_DAYS"] = 7
    _token(app)
    row = _row(app)
    assert timedelta(days=7) - (row.expires_at - row.created_at) < timedelta(seconds=1)
    assert row.last_used_at is None


def test_an_expired_token_answers_401_with_a_clear_message(app, org):
    client = ApiClient(app, _token(app))
    assert client.get("/committees/lok-skole/cases").status_code == 200
    with app.app_context():
        db.session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    response = client.get("/committees/lok-skole/cases")
    assert response.status_code == 401
    assert response.get_json() == {"error": EXPIRED, "status": 401}
    assert "udløbet" in client.in_danish().get("/committees/lok-skole/cases").get_json()["error"]


def test_last_use_is_written_at_most_once_a_minute(app, org):
    token = _token(app)
    start = utcnow()
    with app.app_context():
        for seconds in (0, 20, 59):
            assert check_token(db.session, token, start + timedelta(seconds=seconds)).person is not None
    assert _row(app).last_used_at == start
    with app.app_context():
        check_token(db.session, token, start + timedelta(seconds=61))
    assert _row(app).last_used_at == start + timedelta(seconds=61)


def test_a_request_records_the_last_use(app, org):
    ApiClient(app, _token(app)).get("/notifications")
    assert utcnow() - _row(app).last_used_at < timedelta(seconds=10)


@pytest.fixture
def runner(app, org):
    """Return a CLI runner for the test app."""
    return app.test_cli_runner()


def test_cli_lists_and_revokes_a_persons_tokens(app, runner):
    token = _token(app)
    row = _row(app)
    listed = runner.invoke(cli, ["users", "tokens", "lene@example.dk"])
    assert listed.exit_code == 0
    assert listed.output.startswith(f"{row.id}\t{row.prefix}…\tcreated ")
    assert listed.output.rstrip().endswith("last used -\tlive")
    revoked = runner.invoke(cli, ["users", "revoke-token", str(row.id)])
    assert (revoked.exit_code, revoked.output) == (
        0, f"Revoked token {row.id} ({row.prefix}…) of lene@example.dk.\n")
    assert ApiClient(app, token).get("/notifications").status_code == 401
    assert runner.invoke(cli, ["users", "tokens", "lene@example.dk"]).output.rstrip().endswith("revoked")
    again = runner.invoke(cli, ["users", "revoke-token", str(row.id)])
    assert again.exit_code == 1 and "already revoked" in again.output
    unknown = runner.invoke(cli, ["users", "revoke-token", "999"])
    assert (unknown.exit_code, unknown.output.strip()) == (1, "Error: No API token with the id 999.")
