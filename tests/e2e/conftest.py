"""Browser tests: the app on 127.0.0.1 (a temp SQLite file), driven in Debian's Chromium by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import update
from werkzeug.serving import make_server

from medflow import create_app
from medflow.extensions import db
from medflow.persistence.models import Person
from tests import factories

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PASSWORD = "e2e-kodeord-123"
# The committed screenshots are written only by `make screenshots` (MEDFLOW_SCREENSHOTS=1), so that
# `make test` leaves the git tree clean; otherwise they go to the git-ignored screenshots-latest/.
SCREENSHOTS = Path(__file__).parent / (
    "screenshots" if os.environ.get("MEDFLOW_SCREENSHOTS") == "1" else "screenshots-latest"
)
PEOPLE = ("anna", "lene", "ole", "kim", "pia")
LANDED = re.compile(r"/(cases|committees/[a-z0-9-]+)$")  # where a log-in lands


def pytest_collection_modifyitems(items):
    """Mark every test in this folder as a browser test."""
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium rather than a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Browse as a Danish user would: a Danish browser on a laptop screen."""
    return {**browser_context_args, "locale": "da-DK", "viewport": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """Return the app the browser tests talk to, on a temporary SQLite file."""
    path = tmp_path_factory.mktemp("e2e") / "medflow.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "e2e-secret"})
    yield app
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve medflow on 127.0.0.1 from a background thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def password_hash():
    """Return PASSWORD hashed as medflow hashes it: once, not in every test (a tenth of a second each)."""
    return PasswordHasher().hash(PASSWORD)


@pytest.fixture(autouse=True)
def fresh_organisation(live_app, password_hash):
    """Start every browser test from the test organisation alone, so no test sees another's cases."""
    with live_app.app_context():
        db.drop_all()
        db.create_all()
        factories.load_org(db.session)
        db.session.execute(update(Person).where(Person.email.in_([f"{who}@example.dk" for who in PEOPLE]))
                           .values(password_hash=password_hash))
        db.session.commit()


@pytest.fixture(scope="session")
def base_url(live_server):
    """Let page.goto('/login') reach the live server."""
    return live_server


@pytest.fixture
def as_user(browser, browser_context_args):
    """Return as_user('anna'): a new browser tab in its own context, logged in through the login page."""
    contexts = []

    def open_as(who: str):
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        page = context.new_page()
        log_in(page, who)
        return page

    yield open_as
    for context in contexts:
        context.close()


def log_in(page, who: str, password: str = PASSWORD) -> None:
    """Log in through the form, as a person would."""
    page.goto("/login")
    page.get_by_label("E-mail").fill(f"{who}@example.dk")
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(LANDED)  # my cases, or a chair's committee inbox


def shot(page, name: str) -> None:
    """Save a full-page screenshot for reviewers (tests/e2e/screenshots/NAME.png with `make screenshots`)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
