"""One /api/v1 parent blueprint: every API endpoint gets the token check, the CSRF exemption and the limits."""

from __future__ import annotations

import pytest

from medflow.extensions import db
from medflow.services.people.users import set_password
from medflow.web.auth.ratelimit import limiter
from tests.factories import ApiClient

ONE_PER_CHILD = {  # a GET and a POST of each feature's part of the API
    "cases": ("/committees", "/cases"),
    "notify": ("/notifications", "/notifications/read"),
    "mail": ("/notifications/mail", "/notifications/mail"),
    "meetings": ("/committees/lok-skole/meetings", "/committees/lok-skole/meetings"),
}
VIEW_ANSWERS = {  # what each view says to an empty JSON object: it was reached, CSRF did not stop it
    "cases": (400, "Unknown workflow None"),
    "notify": (200, None),
    "mail": (400, "kinds must be an object"),
    "meetings": (400, "date is required."),
}


@pytest.fixture
def browser(app, csrf_pages):
    """Return a browser logged in as Lene through the login form, with CSRF protection on."""
    with app.app_context():
        set_password(db.session, "lene@example.dk", "en god adgangskode")
    client = csrf_pages(lang="en")
    client.get("/login")
    app.config["WTF_CSRF_ENABLED"] = False  # log in without scraping the form's token
    login = {"email": "lene@example.dk", "password": "en god adgangskode"}
    assert client.post("/login", data=login).status_code == 302
    app.config["WTF_CSRF_ENABLED"] = True
    return client


def test_every_api_url_is_served_by_a_child_of_the_one_api_blueprint(app):
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/")]

    assert len(rules) > 25
    children = sorted({r.endpoint.split(".")[1] for r in rules})
    assert children == ["answers_api", "cases", "docs", "figures", "mail", "meetings", "notify", "plans",
                        "reports", "search_api"]
    assert all(r.rule.startswith("/api/v1/") and r.endpoint.startswith("api.") for r in rules)


@pytest.mark.parametrize("child", sorted(ONE_PER_CHILD))
def test_a_session_cookie_never_acts_on_any_part_of_the_api(browser, child):
    read, write = ONE_PER_CHILD[child]

    assert browser.get(f"/api/v1{read}").status_code == 401
    assert browser.post(f"/api/v1{write}", json={}).status_code == 401  # 401, not CSRF's 400


@pytest.mark.parametrize("child", sorted(ONE_PER_CHILD))
def test_a_token_posts_to_every_part_of_the_api_without_a_csrf_token(app, api, csrf_pages, child):
    _read, write = ONE_PER_CHILD[child]
    status, error = VIEW_ANSWERS[child]

    response = api("lene").post(write, {})

    assert app.config["WTF_CSRF_ENABLED"] is True
    assert response.status_code == status
    assert (response.get_json().get("error") or "").startswith(error or "")


def test_the_openapi_description_needs_no_token_and_stays_open_when_bad_tokens_are_locked_out(app, org):
    app.config["RATELIMIT_TOKEN"] = "2 per 15 minutes"
    for n in range(3):
        ApiClient(app, f"mf_guess{n}").get("/meetings/1")
    try:
        assert ApiClient(app, "mf_guess").get("/notifications/mail").status_code == 429  # counted together
        assert app.test_client().get("/api/v1/openapi.json").status_code == 200
    finally:
        limiter.reset()
