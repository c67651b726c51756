"""Date fields read and write dd-mm-åååå with a calendar, even in a browser set to American English."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.e2e.conftest import log_in, shot


def test_a_date_is_typed_and_shown_in_danish_form_in_an_english_browser(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "locale": "en-US"})
    kim = context.new_page()
    log_in(kim, "kim")
    kim.get_by_test_id("nav-send-out").click()
    due = kim.get_by_label("Tilbagemelding senest")
    expect(due).to_have_attribute("placeholder", "dd-mm-åååå")
    due.click()
    expect(kim.locator(".flatpickr-calendar.open")).to_be_visible()
    expect(kim.locator(".flatpickr-calendar.open .flatpickr-weekday").first).to_have_text("man")
    shot(kim, "date-picker")
    year = date.today().year + 1  # within the date window (at most ten years ahead)
    due.fill(f"01-03-{year}")
    due.press("Enter")
    expect(due).to_have_value(f"01-03-{year}")
    expect(kim.locator("input[name=due_date]")).to_have_value(f"{year}-03-01")  # what the form posts
    kim.get_by_label("Overskrift").fill("Ny trivselsmåling")
    kim.get_by_label("Tekst").fill("Gennemgå resultaterne.")
    kim.get_by_role("button", name="Udsend").click()
    expect(kim.locator("main")).to_contain_text(f"1. mar. {year}")
    context.close()
