"""`medflow doctor` says what is wrong and how to fix it; the exit status tells a script."""

from __future__ import annotations

import socket

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import delete, select

from medflow import create_app
from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import Person, SearchDocument
from medflow.services.cases import NewCase, submit_case
from tests import factories
from tests.oidc.site import Provider
from tests.ops.conftest import migrated_app


def _doctor(app):
    return app.test_cli_runner().invoke(cli, ["doctor"])


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nobody listens there once the socket is closed


@pytest.fixture
def provider():
    """Run the real OpenID Connect provider (no client will come back to it)."""
    running = Provider("http://127.0.0.1:1/login/sso/callback")
    yield running
    running.stop()


def _head(app) -> str:
    """Return the newest migration revision medflow ships."""
    with app.app_context():
        return ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config()).get_current_head()


def test_a_healthy_installation_passes(tmp_path, monkeypatch, provider):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    app = migrated_app(f"sqlite:///{tmp_path / 'medflow.db'}")
    app.config.update(OIDC_ISSUER=provider.issuer, OIDC_CLIENT_ID="medflow", OIDC_CLIENT_SECRET="s")
    result = _doctor(app)
    assert result.exit_code == 0, result.output
    assert f"[ok  ] migrations: at {_head(app)}" in result.output
    assert f"[ok  ] identity provider: {provider.issuer} (discovery document read)" in result.output
    assert "[skip] mail: MAIL_SERVER is not set" in result.output


def test_problems_are_listed_with_their_fix_and_a_failing_status(app, monkeypatch):
    """The `app` fixture's schema has no migration revision, mail and provider do not answer."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_closed_port(), MAIL_TIMEOUT=2,
                      OIDC_ISSUER=f"http://127.0.0.1:{_closed_port()}", OIDC_CLIENT_ID="medflow",
                      OIDC_CLIENT_SECRET="s", GRAPHVIZ_DOT="no-such-dot-program")
    result = _doctor(app)
    assert result.exit_code == 1
    out = result.output
    assert "[FAIL] configuration: SECRET_KEY is not set" in out
    assert f"[FAIL] migrations: database at no revision, medflow needs {_head(app)}" in out
    assert "fix: run `medflow db upgrade`" in out
    assert "[FAIL] graphviz: no-such-dot-program not found" in out
    assert "[FAIL] mail: 127.0.0.1:" in out and "fix: check MAIL_SERVER and MAIL_PORT" in out
    assert "[FAIL] identity provider:" in out and "fix: check OIDC_ISSUER" in out
    assert "5 problem(s) found." in out


def test_an_issuer_that_differs_from_the_discovery_document_is_reported(tmp_path, monkeypatch, provider):
    monkeypatch.setenv("SECRET_KEY", "k")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
                      "OIDC_ISSUER": provider.issuer.replace("127.0.0.1", "localhost"),
                      "OIDC_CLIENT_ID": "medflow", "OIDC_CLIENT_SECRET": "s"})
    result = _doctor(app)
    assert f"fix: set OIDC_ISSUER to '{provider.issuer}'" in result.output


def test_cases_missing_from_the_search_index_are_reported_until_it_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k")
    app = migrated_app(f"sqlite:///{tmp_path / 'medflow.db'}")
    with app.app_context():
        factories.load_org(db.session)
        anna = db.session.scalar(select(Person).where(Person.email == "anna@example.dk"))
        submit_case(db.session, app.extensions["medflow.engines"], anna, NewCase("question", "Stole"))
        db.session.execute(delete(SearchDocument))  # as right after the upgrade that brought search
        db.session.commit()
        db.session.remove()

    assert "[FAIL] search: 1 of 1 case(s) are not in the search index" in _doctor(app).output
    assert "fix: run `medflow search reindex`" in _doctor(app).output
    assert app.test_cli_runner().invoke(cli, ["search", "reindex"]).exit_code == 0
    assert "[ok  ] search: 1 case(s) indexed" in _doctor(app).output
