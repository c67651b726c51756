"""Logging in and out, language choice, CSRF and cookie safety."""

from __future__ import annotations

import pytest

from medflow.extensions import db
from medflow.services.people.users import set_password
from tests.web.conftest import csrf_token

PASSWORD = "korrekt-hest-batteri"


@pytest.fixture
def anna_password(app, org):
    """Give Anna a password."""
    with app.app_context():
        set_password(db.session, "anna@example.dk", PASSWORD)


def test_front_page_sends_visitors_to_login_and_people_to_their_cases(pages):
    assert pages().get("/").location == "/login"
    assert pages("anna").get("/").location == "/cases"


def test_login_page_is_danish_by_default(pages):
    page = pages(lang="").get("/login")
    assert page.status_code == 200
    assert '<html lang="da">' in page.text
    assert "Adgangskode" in page.text
    assert 'name="email"' in page.text and 'name="password"' in page.text


def test_login_with_right_password_lands_on_my_cases(pages, anna_password):
    client = pages()
    response = client.post("/login", data={"email": "anna@example.dk", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response.location, follow_redirects=True).request.path == "/cases"


@pytest.mark.parametrize("email,password", [
    ("anna@example.dk", "forkert-kodeord"),
    ("nobody@example.dk", PASSWORD),
])
def test_failed_login_says_so_without_telling_which_part_was_wrong(pages, anna_password, email, password):
    response = pages().post("/login", data={"email": email, "password": password})
    assert response.status_code == 401
    assert "E-mail eller adgangskode er forkert." in response.text
    assert f'value="{email}"' in response.text
    assert pages().get("/cases").status_code == 302


def test_login_form_with_empty_fields_shows_errors_next_to_them(pages):
    response = pages().post("/login", data={"email": "", "password": ""})
    assert response.text.count('class="error"') == 2


def test_protected_page_sends_visitor_to_login_and_back_afterwards(pages, anna_password):
    client = pages()
    response = client.get("/cases/new")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")
    back = client.post(response.location, data={"email": "anna@example.dk", "password": PASSWORD})
    assert back.location == "/cases/new"


def test_login_refuses_to_redirect_to_another_site(pages, anna_password):
    response = pages().post("/login?next=//evil.example/x",
                            data={"email": "anna@example.dk", "password": PASSWORD})
    assert response.location == "/"


def test_logout_is_a_post_and_ends_the_session(pages):
    client = pages("anna")
    confirm = client.get("/logout")
    assert confirm.status_code == 200 and 'action="/logout"' in confirm.text
    assert client.get("/cases").status_code == 200
    response = client.post("/logout")
    assert response.location == "/login"
    assert client.get("/cases").status_code == 302


def test_a_form_posted_without_csrf_token_is_refused(csrf_pages, anna_password):
    client = csrf_pages()
    response = client.post("/login", data={"email": "anna@example.dk", "password": PASSWORD})
    assert response.status_code == 400
    assert "intet blev gemt" in response.text
    assert client.get("/cases").status_code == 302


def test_a_case_event_posted_without_csrf_token_is_refused_and_writes_nothing(csrf_pages, api):
    case = api("anna").submit()
    lene = csrf_pages("lene")
    response = lene.post(f"/cases/{case['id']}/events", data={"event": "accept", "version": case["version"]})
    assert response.status_code == 400
    assert api("lene").get(f"/cases/{case['id']}").get_json()["state"] == "submitted"


def test_login_with_csrf_token_from_the_form_works_and_sets_safe_cookie(csrf_pages, anna_password):
    client = csrf_pages()
    token = csrf_token(client.get("/login").text)
    response = client.post("/login", data={"email": "anna@example.dk", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_api_stays_exempt_from_csrf(csrf_pages, api):
    assert api("anna").post("/cases", {"workflow": "question", "title": "Via API"}).status_code == 201


def test_language_switcher_changes_to_english_and_back(pages):
    client = pages("anna")
    response = client.get("/language/en?next=/cases")
    assert response.location == "/cases"
    page = client.get("/cases")
    assert '<html lang="en">' in page.text and "My cases" in page.text
    client.get("/language/da")
    assert "Mine sager" in client.get("/cases").text


def test_unknown_language_is_not_found(pages):
    assert pages("anna").get("/language/xx").status_code == 404


def test_an_english_browser_alone_still_gets_danish_pages(pages):
    client = pages("anna")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-GB,en;q=0.9"
    page = client.get("/cases")
    assert '<html lang="da">' in page.text and "Ny sag" in page.text


def test_the_chosen_language_is_remembered_in_the_next_session(pages):
    pages("anna").get("/language/en")
    page = pages("anna").get("/cases")
    assert '<html lang="en">' in page.text and "New case" in page.text


def test_the_api_still_answers_in_the_language_it_is_asked_for(api):
    answer = api("anna").get("/cases/999999")
    assert answer.status_code == 404 and "not found" in answer.json["error"].lower()
