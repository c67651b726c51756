"""Pages: the notification list with its unread count, publishing, the roll-up, information."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Cascade, Person
from tests import factories


@pytest.fixture
def pages(app):
    """Return a factory of page clients logged in as a person of the cascade organisation."""
    app.config["WTF_CSRF_ENABLED"] = False
    with app.app_context():
        factories.load_org(db.session, factories.CASCADE_ORG)

    def login(who: str):
        """Return a test client logged in as who@example.dk."""
        client = app.test_client()
        factories.log_in_client(app, client, who)
        return client
    return login


def test_pages_need_a_login(app, pages):
    response = app.test_client().get("/notifications")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_publish_form_creates_the_cascade_and_shows_the_rollup(app, pages):
    kim = pages("kim")
    form = kim.get("/cascades/new")
    assert form.status_code == 200 and "Udsend til udvalgene nedenunder" in form.text
    response = kim.post("/cascades/new", data={
        "committee": "kommunemed", "kind": "decision", "title": "Ny stresspolitik",
        "body": "KommuneMED har vedtaget en ny stresspolitik.", "levels": ["lokal"]})
    assert response.status_code == 302
    rollup = kim.get(response.headers["Location"])
    assert rollup.status_code == 200
    assert "Status pr. niveau" in rollup.text and "LokalMED Aktivitetscenter" in rollup.text
    row = re.search(r'<tr data-level="lokal">(.*?)</tr>', rollup.text, re.S).group(1)
    assert "LokalMED" in row and '"received">6<' in row and '"discussed">0<' in row


def test_publish_form_shows_errors_and_writes_nothing(app, pages):
    response = pages("kim").post("/cascades/new", data={"committee": "kommunemed", "kind": "task"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Cascade)).all() == []


def test_notification_list_shows_unread_count_and_marks_read(app, pages):
    published = pages("kim").post("/cascades/new", data={
        "committee": "kommunemed", "kind": "information", "title": "Trivselsmåling",
        "body": "Målingen kører i uge 10.", "levels": ["lokal"]})
    assert published.status_code == 302 and "/cascades/" in published.headers["Location"]
    lene = pages("lene")
    page = lene.get("/notifications")
    assert re.search(r'data-testid="unread-count"[^>]*>.*?</span>1</span>', page.text)
    assert "LokalMED Skole har modtaget et nyt punkt oppefra." in page.text
    assert lene.post("/notifications/read").status_code == 302
    assert 'data-testid="unread-count"' not in lene.get("/notifications").text


def test_email_opt_out_is_saved_from_the_page(app, pages):
    assert pages("lene").post("/notifications/settings", data={}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Person.email_opt_out).where(Person.email == "lene@example.dk"))


def test_information_page_shows_what_came_from_above_but_not_internal(app, pages):
    kim = pages("kim")
    for title, internal in (("Ny stresspolitik", ""), ("Budget 2026 (internt)", "y")):
        published = kim.post("/cascades/new", data={"committee": "kommunemed", "kind": "decision",
                                                     "title": title, "body": "Tekst", "internal": internal})
        assert published.status_code == 302 and "/cascades/" in published.headers["Location"]
    page = pages("anna").get("/information")
    assert "Information fra ledelsen/MED" in page.text
    assert "Ny stresspolitik" in page.text and "Budget 2026" not in page.text
