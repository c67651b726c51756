"""The organisation kept up to date in the browser: committees, people, roles and the audit log."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services.people.users import set_password_hash
from tests.e2e.conftest import PASSWORD, shot
from tests.helpers.browser import submit_question, sweep


@pytest.fixture
def admin(live_app, as_user):
    """Return a tab logged in as the administrator, Ada Admin."""
    with live_app.app_context():
        set_password_hash(db.session, ["admin@example.dk"], PASSWORD)
    return as_user("admin")


def test_an_administrator_creates_renames_and_closes_a_committee(admin, as_user):
    case_id = submit_question(as_user("anna"), "Hvem tager sig af vores sag?")
    admin.get_by_test_id("nav-admin").click()
    expect(admin.get_by_role("heading", name="Udvalg", exact=True)).to_be_visible()
    admin.get_by_label("Navn").fill("LokalMED Bibliotek")
    admin.get_by_label("Nøgle").fill("lok-bibliotek")
    admin.get_by_label("Niveau").select_option(label="LokalMED")
    admin.get_by_label("Under").select_option(label="OmrådeMED Børn og Unge")
    admin.get_by_role("button", name="Opret udvalg").click()
    expect(admin.locator(".flash-success")).to_contain_text("Udvalget LokalMED Bibliotek er oprettet")
    admin.goto("/admin/committees")
    shot(admin, "admin-committees")

    admin.goto("/admin/committees/lok-skole")
    admin.get_by_label("Nyt navn").fill("LokalMED Skolen")
    admin.get_by_role("button", name="Omdøb").click()
    expect(admin.get_by_role("heading", name="LokalMED Skolen")).to_be_visible()
    admin.get_by_label("Udvalget, der overtager").select_option(label="LokalMED Bibliotek")
    shot(admin, "admin-committee")
    admin.get_by_role("button", name="Nedlæg udvalget").click()
    expect(admin.get_by_test_id("cases-that-move")).to_contain_text(f"#{case_id}")
    shot(admin, "admin-close-confirm")
    admin.get_by_role("button", name="Ja, nedlæg LokalMED Skolen").click()
    expect(admin.locator(".flash-success")).to_contain_text("1 åben(e) sag(er) er flyttet")

    admin.goto(f"/cases/{case_id}")
    expect(admin.locator(".timeline li.event-transfer")).to_contain_text("Flyttet: udvalget blev nedlagt")
    expect(admin.locator(".timeline li.event-transfer")).to_contain_text("LokalMED Skolen → LokalMED Bibliotek")


def test_an_administrator_deactivates_a_person_and_reads_the_audit_log(admin):
    admin.goto("/admin/people")
    admin.get_by_label("Søg på navn eller e-mail").fill("anna")
    admin.get_by_role("button", name="Søg").click()
    admin.get_by_role("link", name="Anna Jensen").click()
    admin.get_by_label("Nyt arbejdssted").select_option(label="LokalMED Dagtilbud")
    admin.get_by_role("button", name="Skift arbejdssted").click()
    expect(admin.locator(".flash-success")).to_contain_text("Anna Jensen arbejder nu på LokalMED Dagtilbud")
    admin.get_by_role("button", name="Deaktivér").click()
    expect(admin.locator(".facts")).to_contain_text("Deaktiveret")
    shot(admin, "admin-person")
    admin.goto("/admin/people")
    shot(admin, "admin-people")

    admin.get_by_role("link", name="Ændringslog").click()
    rows = admin.locator("table.audit tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Person deaktiveret")  # the change in words, not `person.deactivate`
    expect(rows.first).to_contain_text("Ada Admin")
    expect(rows.nth(1)).to_contain_text("LokalMED Dagtilbud")  # the committee by its name
    shot(admin, "admin-audit")


def test_the_admin_pages_pass_the_accessibility_sweep(admin, live_app):
    with live_app.app_context():
        anna = db.session.scalar(select(Person.id).where(Person.email == "anna@example.dk"))
    paths = ("/admin/committees", "/admin/committees/lok-skole", "/admin/people", f"/admin/people/{anna}",
             "/admin/audit")
    found = {path: sweep(admin, path) for path in paths}
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_a_refused_form_gives_back_what_was_typed(admin):
    admin.goto("/admin/people")
    admin.get_by_label("Navn", exact=True).fill("Anna Igen")
    admin.get_by_label("E-mail", exact=True).fill("anna@example.dk")  # already someone's address: refused
    admin.get_by_label("Arbejdssted", exact=True).select_option(label="LokalMED Dagtilbud")
    admin.get_by_role("button", name="Opret person").click()
    expect(admin.get_by_test_id("typed-kept")).to_contain_text("Anna Igen")
    admin.get_by_test_id("back-to-form").click()
    expect(admin.get_by_label("Navn", exact=True)).to_have_value("Anna Igen")
    expect(admin.get_by_label("E-mail", exact=True)).to_have_value("anna@example.dk")
    expect(admin.get_by_label("Arbejdssted", exact=True)).to_have_value("lok-dagtilbud")
