"""Fixtures for the HTML pages: browsers (test clients) logged in as people of the test org."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import log_in_client


class Pages:
    """Make test clients that are logged in as someone; `lang` is chosen with the language switcher."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def __call__(self, who: str | None = None, lang: str = "da") -> FlaskClient:
        """Return a new client, logged in as who@example.dk unless `who` is None."""
        client = self.app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "da"
        if who is not None:
            log_in_client(self.app, client, who)
        if lang != "da":
            client.get(f"/language/{lang}")
        return client


@pytest.fixture
def pages(app, org) -> Pages:
    """Return a factory of logged-in page clients; forms are posted without CSRF tokens."""
    app.config["WTF_CSRF_ENABLED"] = False
    return Pages(app)


@pytest.fixture
def csrf_pages(app, org) -> Pages:
    """Return page clients with CSRF protection switched on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return Pages(app)


def csrf_token(html: str) -> str:
    """Return the CSRF token a page's form carries."""
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def event_buttons(html: str) -> list[str]:
    """Return the event names of the action buttons on a case page, in order."""
    return re.findall(r'<button type="submit" name="event" value="([a-z_]+)"', html)
