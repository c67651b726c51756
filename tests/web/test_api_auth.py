"""The JSON API authenticates by bearer token only: a browser's session cookie never counts there."""

from __future__ import annotations

from medflow.extensions import db
from medflow.services.people.users import issue_token, revoke_tokens, set_password

UNAUTHORISED = "Log in first: send an API token as 'Authorization: Bearer TOKEN'."


def _logged_in_browser(app, pages, who: str):
    """Log in through the login form, as a person in a browser does."""
    with app.app_context():
        set_password(db.session, f"{who}@example.dk", "en god adgangskode")
    browser = pages(lang="en")
    response = browser.post("/login", data={"email": f"{who}@example.dk", "password": "en god adgangskode"})
    assert response.status_code == 302
    assert browser.get("/cases").status_code == 200  # the session works for pages
    return browser


def _token(app, who: str) -> str:
    with app.app_context():
        return issue_token(db.session, f"{who}@example.dk")


def test_a_logged_in_browser_without_a_token_gets_401_from_the_api(app, pages):
    browser = _logged_in_browser(app, pages, "lene")
    for url in ("/api/v1/committees", "/api/v1/notifications", "/api/v1/committees/lok-skole/cases"):
        response = browser.get(url)
        assert response.status_code == 401, url
        assert response.get_json() == {"error": UNAUTHORISED, "status": 401}


def test_a_session_cookie_cannot_write_through_the_api(app, pages):
    browser = _logged_in_browser(app, pages, "anna")
    response = browser.post("/api/v1/cases", json={"workflow": "question", "title": "Stole"})
    assert response.status_code == 401
    response = browser.post("/api/v1/notifications/settings", json={"email": False})
    assert response.status_code == 401
    lene = {"Authorization": f"Bearer {_token(app, 'lene')}"}
    assert app.test_client().get("/api/v1/committees/lok-skole/cases", headers=lene).get_json()["total"] == 0


def test_a_token_works_and_acts_as_its_owner_whatever_the_session_says(app, pages):
    browser = _logged_in_browser(app, pages, "lene")
    anna = {"Authorization": f"Bearer {_token(app, 'anna')}"}
    response = browser.post("/api/v1/cases", json={"workflow": "question", "title": "Stole"}, headers=anna)
    assert response.status_code == 201
    assert response.get_json()["submitter"]["email"] == "anna@example.dk"
    assert response.get_json()["actions"] == ["withdraw"]


def test_a_revoked_token_gets_401_even_with_a_session(app, pages):
    browser = _logged_in_browser(app, pages, "anna")
    anna = {"Authorization": f"Bearer {_token(app, 'anna')}"}
    assert browser.get("/api/v1/committees", headers=anna).status_code == 200
    with app.app_context():
        revoke_tokens(db.session, "anna@example.dk")
    response = browser.get("/api/v1/committees", headers=anna)
    assert response.status_code == 401
    assert response.get_json()["error"] == UNAUTHORISED
