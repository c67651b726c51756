"""Failed log-ins and refused API tokens are limited per account and per address; 429 with Retry-After."""

from __future__ import annotations

import logging

import pytest

from medflow.extensions import db
from medflow.services.people.users import set_password
from medflow.web.auth.ratelimit import limiter
from tests.factories import ApiClient

PASSWORD = "korrekt-hest-batteri"


@pytest.fixture
def limited(app, org):
    """Give Anna and Lene passwords and small limits: 3 failures per account, 5 per address."""
    app.config.update(RATELIMIT_LOGIN_ACCOUNT="3 per 15 minutes", RATELIMIT_LOGIN_ADDRESS="5 per 15 minutes",
                      RATELIMIT_TOKEN="4 per 15 minutes", WTF_CSRF_ENABLED=False)
    with app.app_context():
        for who in ("anna", "lene"):
            set_password(db.session, f"{who}@example.dk", PASSWORD)
    return app


def _log_in(app, email: str, password: str, address: str = "10.0.0.1"):
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")
    return client.post("/login", data={"email": email, "password": password})


def test_the_account_is_locked_after_its_failed_log_ins_with_retry_after(limited, caplog):
    caplog.set_level(logging.WARNING, logger="medflow.security")
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):  # spread over addresses: still one account
        assert _log_in(limited, "anna@example.dk", "forkert", address).status_code == 401
    locked = _log_in(limited, "anna@example.dk", PASSWORD, "10.0.0.4")
    assert locked.status_code == 429
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert "For mange mislykkede forsøg. Vent" in locked.text  # pages are Danish unless one chooses English
    assert "Lock-out on auth.login: 3 per 15 minute used up for account:anna@example.dk" in caplog.text
    assert _log_in(limited, "lene@example.dk", PASSWORD, "10.0.0.4").status_code == 302  # others log in
    limiter.reset()  # the window has passed
    assert _log_in(limited, "anna@example.dk", PASSWORD, "10.0.0.4").status_code == 302


def test_an_address_is_locked_after_failed_log_ins_on_many_accounts(limited):
    for n in range(5):
        assert _log_in(limited, f"nobody{n}@example.dk", "forkert").status_code == 401
    assert _log_in(limited, "lene@example.dk", PASSWORD).status_code == 429
    assert _log_in(limited, "lene@example.dk", PASSWORD, "10.0.0.9").status_code == 302


def test_successful_log_ins_are_never_counted(limited):
    for _ in range(12):
        assert _log_in(limited, "anna@example.dk", PASSWORD).status_code == 302
    assert _log_in(limited, "anna@example.dk", "forkert").status_code == 401


def test_showing_the_login_page_is_not_limited(limited):
    for _ in range(3):
        _log_in(limited, "anna@example.dk", "forkert")
    assert limited.test_client().get("/login").status_code == 200


def test_refused_api_tokens_lock_the_address_out_as_json(limited, api, caplog):
    caplog.set_level(logging.WARNING, logger="medflow.security")
    good = api("anna")
    for n in range(4):
        assert ApiClient(limited, f"mf_guess{n}").get("/notifications").status_code == 401
    locked = ApiClient(limited, "mf_guess").get("/committees")
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) >= 1
    assert locked.get_json()["status"] == 429 and "Too many failed attempts" in locked.get_json()["error"]
    assert "Lock-out on api.cases.list_committees: 4 per 15 minute used up for 127.0.0.1" in caplog.text
    assert good.get("/notifications").status_code == 429  # the same address: locked for the window
    limiter.reset()
    assert good.get("/notifications").status_code == 200


def test_api_calls_with_a_good_token_are_not_counted(limited, api):
    good = api("anna")
    for _ in range(10):
        assert good.get("/notifications").status_code == 200


def test_making_api_tokens_is_limited_per_person(limited, pages):
    client = pages("anna", lang="en")
    for _ in range(4):
        assert client.post("/account/tokens").status_code == 201
    refused = client.post("/account/tokens")
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert pages("lene").post("/account/tokens").status_code == 201
