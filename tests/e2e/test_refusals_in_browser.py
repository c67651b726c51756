"""What a person sees when something is not possible: a stale form, a missing field, a foreign case."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.helpers.browser import act, submit_question


def test_two_open_pages_both_forward_gives_one_forward_and_a_friendly_message(as_user):
    case_id = submit_question(as_user("anna"), "Dobbelt klik")
    first = as_user("lene")
    first.goto(f"/cases/{case_id}")
    act(first, "accept")
    second = first.context.new_page()
    second.goto(f"/cases/{case_id}")

    act(first, "forward", comment="Første fane")
    expect(first.locator(".flash-success")).to_contain_text("Sagen er sendt videre til")
    act(second, "forward", comment="Anden fane")

    expect(second.locator("#problem")).to_contain_text("En anden har ændret sagen")
    expect(second.locator(".facts")).to_contain_text("OmrådeMED Børn og Unge")
    expect(second.locator(".timeline li.event-forward")).to_have_count(1)
    expect(second.locator(".timeline")).to_contain_text("Første fane")
    expect(second.locator(".timeline")).not_to_contain_text("Anden fane")
    shot(second, "08-stale-form")


def test_a_missing_title_is_shown_next_to_the_field_and_the_text_is_kept(as_user):
    page = as_user("anna")
    page.goto("/cases/new")
    page.get_by_label("Beskrivelse").fill("Teksten må ikke forsvinde")
    page.get_by_role("button", name="Send sagen").click()
    expect(page.locator("#title-error")).to_have_text("Feltet skal udfyldes.")
    expect(page.get_by_label("Overskrift")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Beskrivelse")).to_have_value("Teksten må ikke forsvinde")
    shot(page, "09-validation-error")


def test_another_committees_case_is_not_found(as_user):
    case_id = submit_question(as_user("anna"), "Kun for skolen")
    pia = as_user("pia")
    response = pia.goto(f"/cases/{case_id}")
    assert response.status == 404
    expect(pia.get_by_role("heading", level=1)).to_have_text("Ikke fundet")
    expect(pia.locator("main")).not_to_contain_text("Kun for skolen")
    shot(pia, "10-not-found")


def test_organisation_and_english_view(as_user):
    submit_question(as_user("anna"), "Til den engelske visning")
    page = as_user("lene")
    page.get_by_role("link", name="Organisation").click()
    expect(page.locator("main")).to_contain_text("Lene Leder Formand")
    shot(page, "11-organisation")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation")
    expect(page.locator("main")).to_contain_text("Lene Leder Chair")
    page.get_by_role("link", name="My cases").click()
    expect(page.get_by_role("link", name=re.compile("^LokalMED Skole"))).to_be_visible()
    page.get_by_role("link", name=re.compile("^LokalMED Skole")).click()
    expect(page.get_by_role("heading", name="New cases")).to_be_visible()
    shot(page, "12-english-inbox")
