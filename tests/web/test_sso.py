"""Single sign-on against a real OpenID Connect provider on 127.0.0.1, driven as a browser would (HTTP).

The full flow in Chromium is in tests/e2e/test_sso_in_browser.py; here: the refusals.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests
from sqlalchemy import func, select

from medflow import create_app
from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services.cases import NewCase, submit_case
from medflow.workflows import engines
from tests.oidc.site import SsoSite

NOT_VERIFIED = "The log-in could not be verified"


@pytest.fixture
def sso_site(database_url) -> Iterator:
    """Return site(**provider_options): medflow and a provider (misbehaving as asked); stopped afterwards."""
    sites: list[SsoSite] = []

    def start(**options) -> SsoSite:
        sites.append(SsoSite(database_url, config={"OIDC_CLOCK_SKEW": 60}, **options))
        return sites[-1]

    yield start
    for site in sites:
        site.stop()


def browser() -> requests.Session:
    """Return an HTTP client that keeps cookies and asks for English pages."""
    http = requests.Session()
    http.headers["Accept-Language"] = "en"
    return http


def provider_answer(http: requests.Session, site: SsoSite, email: str) -> str:
    """Start at medflow (in English), sign in at the provider's form; return the callback URL it sends to."""
    http.get(f"{site.url}/language/en")  # pages are Danish unless the person chooses English
    form = http.get(f"{site.url}/login/sso")
    assert form.status_code == 200 and form.url.startswith(site.provider.issuer), form.text
    response = http.post(form.url, data={"login": email, "password": "hemmeligt"}, allow_redirects=False)
    location = urljoin(form.url, response.headers["Location"])
    while not location.startswith(f"{site.url}/login/sso/callback"):
        response = http.get(location, allow_redirects=False)
        assert response.status_code in (302, 303), response.text
        location = urljoin(location, response.headers["Location"])
    return location


def logged_in_as(http: requests.Session, site: SsoSite) -> str | None:
    """Return the name shown in the top bar, or None when medflow sends the browser to log in."""
    page = http.get(f"{site.url}/cases", allow_redirects=False)
    if page.status_code != 200:
        return None
    link = page.text.split('<li class="who">', 1)[1].split("</a>", 1)[0]  # the name links to /account
    return link.rsplit(">", 1)[1]


def _people(site: SsoSite) -> int:
    with site.app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Person))
        db.session.remove()
    return count


def test_a_known_person_is_logged_in_by_the_provider(sso_site):
    site, http = sso_site(), browser()
    callback = provider_answer(http, site, "lene@example.dk")
    assert {"code", "state"} <= parse_qs(urlsplit(callback).query).keys()
    done = http.get(callback, allow_redirects=False)
    assert done.status_code == 302
    assert logged_in_as(http, site) == "Lene Leder"


def test_the_login_request_uses_pkce_state_and_nonce(sso_site):
    site = sso_site()
    to_provider = browser().get(f"{site.url}/login/sso", allow_redirects=False)
    query = parse_qs(urlsplit(to_provider.headers["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["response_type"] == ["code"]
    assert all(query[k][0] for k in ("code_challenge", "state", "nonce"))


def test_an_unknown_person_gets_a_clear_page_and_no_account(sso_site):
    site, http = sso_site(), browser()
    before = _people(site)
    refused = http.get(provider_answer(http, site, "ukendt@example.dk"))
    assert refused.status_code == 403
    assert "ukendt@example.dk is not registered in medflow" in refused.text
    assert _people(site) == before
    assert logged_in_as(http, site) is None


def test_a_deactivated_person_gets_a_clear_page_with_their_cases_read_only(sso_site):
    site, http = sso_site(), browser()
    with site.app.app_context():
        anna = db.session.scalar(select(Person).where(Person.email == "anna@example.dk"))
        submit_case(db.session, engines(), anna, NewCase("question", "Hvornår kommer de nye stole?"))
        anna.active = False
        db.session.commit()
    refused = http.get(provider_answer(http, site, "anna@example.dk"))
    assert refused.status_code == 403
    assert "The account anna@example.dk is deactivated" in refused.text
    assert "Your cases (read-only)" in refused.text and "Hvornår kommer de nye stole?" in refused.text
    assert "<form" not in refused.text.split("<main", 1)[1]  # nothing to act with
    assert logged_in_as(http, site) is None


def test_a_tampered_state_is_refused(sso_site):
    site, http = sso_site(), browser()
    callback = provider_answer(http, site, "lene@example.dk")
    query = {k: v[0] for k, v in parse_qs(urlsplit(callback).query).items()}
    forged = callback.split("?")[0] + "?" + urlencode({**query, "state": query["state"][:-2] + "xx"})
    refused = http.get(forged)
    assert refused.status_code == 400 and NOT_VERIFIED in refused.text
    assert logged_in_as(http, site) is None


def test_a_replayed_answer_is_refused(sso_site):
    site, http = sso_site(), browser()
    callback = provider_answer(http, site, "lene@example.dk")
    assert http.get(callback, allow_redirects=False).status_code == 302
    http.cookies.clear(domain="127.0.0.1", path="/", name="session")  # logged out: the session cookie is gone
    again, thief = http.get(callback), browser().get(callback)
    # without the session cookie the language choice is gone too: the refusal is in Danish
    assert again.status_code == 400 and "Log ind kunne ikke bekræftes" in again.text
    assert thief.status_code == 400
    assert logged_in_as(http, site) is None


@pytest.mark.parametrize("misbehaviour", [
    pytest.param({"tamper": {"aud": "intranet"}}, id="wrong-audience"),
    pytest.param({"tamper": {"iss": "http://127.0.0.1:1/fremmed-udbyder"}}, id="wrong-issuer"),
    pytest.param({"clock_offset": -600, "id_token_ttl": 60}, id="expired"),
    pytest.param({"tamper": {"email": "kim@example.dk"}, "bad_signature": True}, id="bad-signature"),
])
def test_an_id_token_that_fails_a_check_is_refused(sso_site, misbehaviour):
    site, http = sso_site(**misbehaviour), browser()
    refused = http.get(provider_answer(http, site, "lene@example.dk"))
    assert refused.status_code == 400 and NOT_VERIFIED in refused.text
    assert logged_in_as(http, site) is None


def test_the_login_page_offers_the_kommune_account_and_can_hide_passwords(database_url):
    config = {"SQLALCHEMY_DATABASE_URI": database_url, "OIDC_ISSUER": "http://127.0.0.1:1",
              "OIDC_CLIENT_ID": "medflow", "OIDC_CLIENT_SECRET": "s", "WTF_CSRF_ENABLED": False}
    both = create_app(config).test_client().get("/login").get_data(as_text=True)
    assert "Log ind med kommunens konto" in both and 'name="password"' in both
    sso_only = create_app({**config, "PASSWORD_LOGIN": False}).test_client()
    assert 'name="password"' not in sso_only.get("/login").get_data(as_text=True)
    assert sso_only.post("/login", data={"email": "lene@example.dk", "password": "x"}).status_code == 403
    plain = create_app({**config, "OIDC_ISSUER": None}).test_client().get("/login").get_data(as_text=True)
    assert "kommunens konto" not in plain


def test_an_unreachable_provider_gives_a_clear_page(database_url):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens there once the socket is closed
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "OIDC_ISSUER": f"http://127.0.0.1:{port}",
                      "OIDC_CLIENT_ID": "medflow", "OIDC_CLIENT_SECRET": "s"})
    page = app.test_client().get("/login/sso", headers={"Accept-Language": "da"})
    assert page.status_code == 503
    assert "Kommunens log-in svarer ikke lige nu" in page.get_data(as_text=True)
