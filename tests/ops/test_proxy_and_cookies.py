"""Proxy headers count only when TRUSTED_PROXIES says so; cookies are Secure when served over HTTPS."""

from __future__ import annotations

import pytest
from flask import request, url_for

from medflow import create_app

FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "medflow.kommune.dk",
             "X-Forwarded-For": "203.0.113.9"}


def _seen(app) -> tuple[str, str]:
    @app.get("/_where")
    def where():
        return {"url": url_for("auth.login", _external=True), "remote": request.remote_addr}
    client = app.test_client()
    body = client.get("/_where", headers=FORWARDED, environ_base={"REMOTE_ADDR": "10.0.0.2"}).get_json()
    return body["url"], body["remote"]


def test_forwarded_headers_are_ignored_unless_a_proxy_is_trusted(tmp_path, monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert _seen(app) == ("http://localhost/login", "10.0.0.2")


def test_a_trusted_proxy_sets_scheme_host_and_client_address(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert _seen(app) == ("https://medflow.kommune.dk/login", "203.0.113.9")


def test_cookies_are_secure_when_the_site_is_https(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDFLOW_BASE_URL", "https://medflow.kommune.dk")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    cookie = app.test_client().get("/language/en").headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_wrong_trusted_proxies_value_stops_the_app_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "yes")
    with pytest.raises(ValueError, match="TRUSTED_PROXIES must be a whole number of proxies, not 'yes'"):
        create_app()
