"""`medflow users`: passwords from stdin or --password, API tokens that are stored hashed."""

import pytest
from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import ApiToken, Person
from medflow.services.people.users import authenticate


@pytest.fixture
def runner(app, org):
    """Return a CLI runner bound to the test app with the test organisation loaded."""
    return app.test_cli_runner()


def _can_log_in(app, email, password) -> bool:
    with app.app_context():
        return authenticate(db.session, email, password) is not None


def test_set_password_reads_standard_input(app, runner):
    result = runner.invoke(cli, ["users", "set-password", "anna@example.dk"], input="hemmeligt-ord\n")
    assert (result.exit_code, result.output) == (0, "Password set for anna@example.dk.\n")
    assert _can_log_in(app, "anna@example.dk", "hemmeligt-ord")
    assert not _can_log_in(app, "anna@example.dk", "forkert-ord")


def test_set_password_takes_the_password_option(app, runner):
    result = runner.invoke(cli, ["users", "set-password", "Anna@Example.dk", "--password", "et-andet-ord"])
    assert result.exit_code == 0
    assert _can_log_in(app, "anna@example.dk", "et-andet-ord")


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["anna@example.dk", "--password", "kort"], None, "Error: The password must be at least 8 characters."),
    (["anna@example.dk"], "kort\n", "Error: The password must be at least 8 characters."),
    (["nobody@example.dk", "--password", "langt-nok-ord"], None,
     "Error: No person with the email nobody@example.dk."),
])
def test_set_password_refuses_short_passwords_and_unknown_people(app, runner, args, stdin, message):
    result = runner.invoke(cli, ["users", "set-password", *args], input=stdin)
    assert (result.exit_code, result.output.strip()) == (1, message)
    with app.app_context():
        assert db.session.scalars(select(Person).where(Person.password_hash.is_not(None))).all() == []


def test_a_printed_token_works_is_stored_only_as_a_hash_and_can_be_revoked(app, runner):
    result = runner.invoke(cli, ["users", "token", "lene@example.dk"])
    assert result.exit_code == 0
    token = result.output.strip()
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    assert client.get("/api/v1/committees/lok-skole/cases", headers=headers).status_code == 200
    with app.app_context():
        stored = db.session.scalars(select(ApiToken)).one()
        assert token not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
        assert token.startswith(stored.prefix)
    result = runner.invoke(cli, ["users", "revoke-tokens", "lene@example.dk"])
    assert (result.exit_code, result.output) == (0, "Revoked 1 token(s) for lene@example.dk.\n")
    assert client.get("/api/v1/committees/lok-skole/cases", headers=headers).status_code == 401


def test_a_token_for_an_unknown_person_is_an_error(runner):
    result = runner.invoke(cli, ["users", "token", "nobody@example.dk"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: No person with the email nobody@example.dk."
