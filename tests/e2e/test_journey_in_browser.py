"""A question travels up to KommuneMED and the answer comes back, all done in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, shot
from tests.helpers.browser import act, case_id_of


def accept_and_forward(page: Page, case_id: str, reason: str, screenshot: str | None = None) -> None:
    """Open the case from the committee's inbox, accept it and forward it with a reason."""
    page.get_by_role("link", name=re.compile(r"^(LokalMED|OmrådeMED)")).first.click()
    page.get_by_role("link", name=re.compile(rf"^#{case_id} ")).click()
    if screenshot:
        shot(page, screenshot)
    act(page, "accept")
    expect(page.locator(".flash-success")).to_contain_text("Taget under behandling")
    act(page, "forward", comment=reason)
    expect(page.locator(".flash-success")).to_contain_text("Sagen er sendt videre til")


def test_question_travels_up_and_the_answer_reaches_the_employee(page: Page, as_user):
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    shot(page, "01-login")
    log_in(page, "anna")
    shot(page, "02-my-cases-empty")
    page.get_by_role("link", name="Ny sag").first.click()
    shot(page, "03-new-case")
    page.get_by_label("Overskrift").fill("Hvornår kommer der nye stole?")
    page.get_by_label("Beskrivelse").fill("Stolene i personalerummet er slidte.")
    page.get_by_role("button", name="Send sagen").click()
    expect(page.locator(".flash-success")).to_contain_text("Din sag er sendt til LokalMED Skole")
    case_id = case_id_of(page)

    lene = as_user("lene")
    expect(lene.locator("header .badge").first).to_contain_text("1")
    lene.get_by_role("link", name=re.compile("^LokalMED Skole")).click()
    shot(lene, "04-inbox")
    accept_and_forward(lene, case_id, "Stole købes centralt i området", screenshot="04b-chair-actions")

    ole = as_user("ole")
    accept_and_forward(ole, case_id, "Gælder hele kommunen")

    kim = as_user("kim")
    kim.goto(f"/cases/{case_id}")
    expect(kim.locator("#action-forward")).to_have_count(0)  # nothing above KommuneMED
    act(kim, "accept")
    act(kim, "resolve", answer="Nye stole bestilles i marts.", outcome="decision")
    expect(kim.locator(".state").first).to_have_text("Besvaret")

    page.goto("/cases")
    expect(page.get_by_role("row", name=re.compile("Hvornår kommer der nye stole"))).to_contain_text("Besvaret")
    shot(page, "05-my-cases")
    page.get_by_role("link", name=re.compile(rf"^#{case_id} ")).click()
    expect(page.locator(".answer")).to_contain_text("Nye stole bestilles i marts.")
    expect(page.locator(".answer")).to_contain_text("Beslutning")
    timeline = page.locator(".timeline")
    expect(timeline.locator("li")).to_have_count(7)
    expect(timeline).to_contain_text("LokalMED Skole → OmrådeMED Børn og Unge")
    expect(timeline).to_contain_text("OmrådeMED Børn og Unge → KommuneMED")
    expect(timeline).to_contain_text("Stole købes centralt i området")
    expect(timeline.locator("li").first).to_contain_text("Besvaret af Kim Direktør")
    expect(page.locator("button[name=event]")).to_have_count(1)  # only reopen
    shot(page, "06-case-page-with-timeline")

    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "07-case-page-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile("/login$"))
    expect(page.locator(".flash")).to_contain_text("Du er logget ud.")
