"""Keyboard only, an accessibility sweep over the main pages, and a phone-width check, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import LANDED, PASSWORD, shot
from tests.helpers.browser import SWEEP, case_id_of, submit_question, sweep

PAGES = ("/login", "/cases", "/cases/new", "/cases/{case}", "/committees/lok-skole", "/org", "/flowchart",
         "/workflows/question", "/cases/{case}/diagram",
         "/guide", "/notifications", "/information", "/notifications/mail")
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def new_tab(browser, browser_context_args):
    """Return new_tab(viewport=None): a fresh, logged-out browser tab in its own context."""
    contexts = []

    def open_tab(viewport: dict | None = None) -> Page:
        size = viewport or browser_context_args["viewport"]
        context = browser.new_context(**{**browser_context_args, "viewport": size})
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def tab_to(page: Page, target: Locator, most: int = 60) -> None:
    """Press Tab until the target has the focus, as a keyboard user would (fails after `most` presses)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{target} never got the focus with Tab")


def keyboard_log_in(page: Page, who: str) -> None:
    """Log in with the keyboard alone: type the e-mail, Tab to the password, type it, press Enter."""
    page.goto("/login")
    email = page.get_by_label("E-mail")
    tab_to(page, email)
    page.keyboard.type(f"{who}@example.dk")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Adgangskode")).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(LANDED)  # my cases, or a chair's committee inbox


def test_skip_link_is_the_first_stop_and_leads_into_the_page(page: Page):
    page.goto("/org")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Spring til indholdet")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_a_question_is_submitted_and_accepted_with_the_keyboard_alone(page: Page, new_tab):
    keyboard_log_in(page, "anna")
    tab_to(page, page.get_by_role("link", name="Ny sag").first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny sag")

    tab_to(page, page.get_by_role("button", name="Send sagen"))
    page.keyboard.press("Enter")
    title = page.get_by_label("Overskrift")
    expect(title).to_be_focused()
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_attribute("aria-describedby", "title-error title-limit")  # the error, then the limit
    expect(page.locator(".error-summary a[href='#title']")).to_contain_text("Feltet skal udfyldes.")
    page.keyboard.type("Kan vi få bedre lys i klasselokalerne?")
    tab_to(page, page.get_by_label("Beskrivelse"))
    page.keyboard.type("Lysstofrørene blinker.")
    tab_to(page, page.get_by_role("button", name="Send sagen"))
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("Din sag er sendt til LokalMED Skole")
    case_id = case_id_of(page)

    lene = new_tab()
    keyboard_log_in(lene, "lene")
    lene.goto(f"/cases/{case_id}")
    tab_to(lene, lene.locator("#choose-accept summary"))
    lene.keyboard.press("Enter")
    tab_to(lene, lene.locator("#action-accept button[name=event]"))
    lene.keyboard.press("Enter")
    expect(lene.locator(".flash-success")).to_contain_text("Taget under behandling")
    expect(lene.locator(".state").first).to_have_text("Under behandling")

    tab_to(lene, lene.locator("#choose-forward summary"))  # choosing the action opens its form
    lene.keyboard.press("Enter")
    expect(lene.locator("#choose-forward")).to_have_attribute("open", "")
    tab_to(lene, lene.locator("#action-forward button[name=event]"))
    lene.keyboard.press("Enter")
    reason = lene.locator("#forward-comment")
    expect(reason).to_be_focused()  # the browser's own check of the required field
    assert reason.evaluate("el => el.validity.valueMissing")
    lene.keyboard.type("   ")
    tab_to(lene, lene.locator("#action-forward button[name=event]"))
    lene.keyboard.press("Enter")  # blanks pass the browser but not the server, which puts the focus back
    expect(lene.locator("#problem")).to_be_visible()
    expect(reason).to_be_focused()
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(lene.locator("#forward-comment-error")).to_have_text("Feltet skal udfyldes.")
    lene.keyboard.type("Gælder hele området")
    tab_to(lene, lene.locator("#action-forward button[name=event]"))
    lene.keyboard.press("Enter")
    expect(lene.locator(".flash-success")).to_contain_text("Sagen er sendt videre til")
    shot(lene, "a11y-keyboard-forwarded")



def test_main_pages_pass_the_accessibility_sweep_in_danish_and_english(page: Page, as_user):
    assert sweep(page, "/login") == []
    case_id = submit_question(as_user("anna"), "Støj i kantinen")
    lene = as_user("lene")
    found = {path: sweep(lene, path.format(case=case_id)) for path in PAGES[1:]}
    found["/cases/new (errors)"] = sweep(lene, "/cases/new") or _submit_empty(lene)
    assert {path: problems for path, problems in found.items() if problems} == {}

    lene.goto(f"/language/en?next=/cases/{case_id}")
    expect(lene.locator("html")).to_have_attribute("lang", "en")
    assert lene.evaluate(SWEEP) == []


def _submit_empty(page: Page) -> list[str]:
    """Submit the new-case form empty and sweep the page with its errors."""
    page.get_by_role("button", name="Send sagen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    return page.evaluate(SWEEP)


def test_main_pages_fit_a_phone_screen_without_sideways_scrolling(new_tab, as_user):
    long_title = "Støj i kantinen ved frokosttid, " * 4 + "Personalerumsombygningsplanen"
    case_id = submit_question(as_user("anna"), long_title)
    phone = new_tab(PHONE)
    keyboard_log_in(phone, "lene")
    too_wide = {}
    for path in PAGES[1:]:
        phone.goto(path.format(case=case_id))
        width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            too_wide[path] = width
    shot(phone, "a11y-phone-information")
    phone.goto(f"/cases/{case_id}")
    shot(phone, "a11y-phone-case")
    assert too_wide == {}
