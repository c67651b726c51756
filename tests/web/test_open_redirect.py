"""After logging in (or choosing a language) only a path on this site is followed."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from medflow.extensions import db
from medflow.services.people.users import set_password

PASSWORD = "korrekt-hest-batteri"
ATTACKS = [
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /evil.example",
    "\x00//evil.example",
    "evil.example",
    "///evil.example",
]


@pytest.fixture
def anna_password(app, org):
    """Give Anna a password."""
    with app.app_context():
        set_password(db.session, "anna@example.dk", PASSWORD)


def _log_in(pages, target: str):
    return pages().post(f"/login?next={quote(target, safe='')}",
                        data={"email": "anna@example.dk", "password": PASSWORD})


def _refused_or_home(response, target: str) -> None:
    """A foreign `next` leads to the front page; one with a NUL is refused whole (400) by the input screen."""
    if "\x00" in target:
        assert response.status_code == 400 and "Location" not in response.headers
    else:
        assert response.status_code == 302 and response.location == "/"


@pytest.mark.parametrize("target", ATTACKS)
def test_login_sends_anything_but_a_site_path_to_the_front_page(pages, anna_password, target):
    _refused_or_home(_log_in(pages, target), target)


def test_login_follows_a_path_on_this_site_with_its_query(pages, anna_password):
    response = _log_in(pages, "/committees/lok-skole?state=accepted&page=2")
    assert response.location == "/committees/lok-skole?state=accepted&page=2"


def test_login_keeps_an_encoded_tab_as_a_path_on_this_site(pages, anna_password):
    assert _log_in(pages, "/%09/evil.example").location == "/%09/evil.example"


@pytest.mark.parametrize("target", ATTACKS)
def test_language_switch_does_not_redirect_to_another_site(pages, target):
    _refused_or_home(pages().get(f"/language/en?next={quote(target, safe='')}"), target)
