"""Log-out, a new password and deactivation end every earlier session of the person, server-side."""

from __future__ import annotations

import pytest

from medflow.cli import cli
from medflow.extensions import db
from medflow.services.people.users import set_password

PASSWORD = "korrekt-hest-batteri"


@pytest.fixture
def anna_password(app, org):
    """Give Anna a password."""
    with app.app_context():
        set_password(db.session, "anna@example.dk", PASSWORD)


def _logged_in(pages):
    client = pages()
    response = client.post("/login", data={"email": "anna@example.dk", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/cases").status_code == 200
    return client


def _copy(app, client):
    """Return a new browser that carries a copy of `client`'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_cookie_copied_before_log_out_no_longer_works_after_it(app, pages, anna_password):
    client = _logged_in(pages)
    thief = _copy(app, client)
    assert thief.get("/cases").status_code == 200
    client.post("/logout")
    response = thief.get("/cases")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_log_out_ends_the_persons_other_sessions_too(app, pages, anna_password):
    laptop, phone = _logged_in(pages), _logged_in(pages)
    laptop.post("/logout")
    assert phone.get("/cases").status_code == 302


def test_logging_in_again_after_log_out_works(app, pages, anna_password):
    client = _logged_in(pages)
    client.post("/logout")
    assert _logged_in(pages).get("/cases").status_code == 200


def test_a_new_password_ends_earlier_sessions(app, pages, anna_password):
    client = _logged_in(pages)
    result = app.test_cli_runner().invoke(cli, ["users", "set-password", "anna@example.dk",
                                                "--password", "et-helt-nyt-ord"])
    assert result.exit_code == 0
    assert client.get("/cases").status_code == 302


def test_deactivation_ends_sessions_and_tokens(app, pages, api, anna_password):
    client, token_client = _logged_in(pages), api("anna")
    assert token_client.get("/notifications").status_code == 200
    result = app.test_cli_runner().invoke(cli, ["users", "deactivate", "anna@example.dk"])
    assert (result.exit_code, result.output) == (0, "Deactivated anna@example.dk; their sessions have ended.\n")
    assert client.get("/cases").status_code == 302
    assert token_client.get("/notifications").status_code == 401
    refused = pages().post("/login", data={"email": "anna@example.dk", "password": PASSWORD})
    assert refused.status_code == 401
    result = app.test_cli_runner().invoke(cli, ["users", "activate", "anna@example.dk"])
    assert (result.exit_code, result.output) == (0, "Activated anna@example.dk.\n")
    assert client.get("/cases").status_code == 302  # the old session stays ended
    assert token_client.get("/notifications").status_code == 200
    assert _logged_in(pages).get("/cases").status_code == 200


def test_a_forged_session_id_without_the_token_is_refused(app, pages, anna_password):
    client = pages()
    with app.app_context():
        from medflow.persistence.models import Person
        anna = db.session.query(Person).filter_by(email="anna@example.dk").one()
        anna_id = anna.id
    for forged in (str(anna_id), f"{anna_id}:", f"{anna_id}:guess", "x:y", "9" * 40):
        with client.session_transaction() as session:
            session["_user_id"] = forged
        assert client.get("/cases").status_code == 302, forged
