"""Every answer carries the security headers; the session cookie is Secure over HTTPS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medflow import create_app
from medflow.config import ROOT, security_settings
from medflow.extensions import db
from medflow.services.people.users import set_password

PASSWORD = "korrekt-hest-batteri"
PAGES = ["/login", "/flowchart", "/guide", "/workflows/question", "/cases", "/org", "/account/tokens",
         "/no-such-page", "/static/medflow.css"]


def _assert_secure_headers(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Werkzeug" not in response.headers.get("Server", "")


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_the_security_headers_and_no_hsts_over_http(pages, path):
    response = pages("anna").get(path)
    _assert_secure_headers(response)
    assert "Strict-Transport-Security" not in response.headers


def test_api_answers_carry_them_too(api):
    _assert_secure_headers(api("anna").get("/notifications"))
    _assert_secure_headers(api("anna").client.get("/api/v1/notifications"))  # the 401


def test_hsts_is_sent_over_https(pages):
    response = pages().get("/login", base_url="https://medflow.example")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("proxies,hsts", [("1", True), ("0", False)])
def test_a_trusted_proxys_https_counts_and_an_untrusted_one_does_not(database_url, monkeypatch, proxies, hsts):
    monkeypatch.setenv("MEDFLOW_TRUSTED_PROXIES", proxies)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    response = app.test_client().get("/login", headers={"X-Forwarded-Proto": "https"})
    assert ("Strict-Transport-Security" in response.headers) is hsts


@pytest.mark.parametrize("env,secure", [
    ({}, False),
    ({"PREFERRED_URL_SCHEME": "https"}, True),
    ({"SESSION_COOKIE_SECURE": "true"}, True),
    ({"SESSION_COOKIE_SECURE": "0"}, False),
])
def test_session_cookie_is_secure_when_https_or_configured(env, secure):
    assert security_settings(env.get)["SESSION_COOKIE_SECURE"] is secure


def test_a_secure_session_cookie_is_set_on_log_in(app, pages, monkeypatch):
    app.config.update(SESSION_COOKIE_SECURE=True, WTF_CSRF_ENABLED=False)
    with app.app_context():
        set_password(db.session, "anna@example.dk", PASSWORD)
    response = pages().post("/login", data={"email": "anna@example.dk", "password": PASSWORD},
                            base_url="https://medflow.example")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=") and "; Secure" in cookie and "; HttpOnly" in cookie


def test_pages_with_graphviz_drawings_have_no_inline_style(pages, api):
    case = api("anna").submit()
    for path in ("/flowchart", "/workflows/question", f"/cases/{case['id']}/diagram"):
        html = pages("anna").get(path).text
        assert "<svg" in html and not re.search(r"<style|\sstyle=|<script(?![^>]*src=)", html), path


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "inline <style>"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on...= handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_or_static_file_needs_unsafe_inline():
    files = [*Path(ROOT, "templates").rglob("*.html"), *Path(ROOT, "medflow", "static").rglob("*.js")]
    found = [f"{path.relative_to(ROOT)}: {what}" for path in files for pattern, what in INLINE
             if pattern.search(path.read_text())]
    assert len(files) > 20 and found == []


def test_pages_and_api_answers_with_case_content_are_never_stored(app, pages, api):
    """A shared or back-button cache must not keep a case; public pages, feeds and static files may."""
    case = api("anna").submit(title="Hemmelig sag om Bo")
    anna = pages("anna")
    for path in (f"/cases/{case['id']}", "/cases", "/notifications"):
        assert anna.get(path).headers.get("Cache-Control") == "no-store", path
    assert api("anna").get(f"/cases/{case['id']}").headers.get("Cache-Control") == "no-store"
    assert api("anna").get("/cases/999999").headers.get("Cache-Control") == "no-store"  # the 404 too
    anonymous = pages()
    for path in ("/static/medflow.css", "/news.atom", "/flowchart", "/api/v1/openapi.json"):
        response = anonymous.get(path)
        assert response.status_code == 200, path
        assert "no-store" not in response.headers.get("Cache-Control", ""), path
