"""Steps the browser tests share: read the case id from the address, act on a case, submit a question."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

SWEEP = (Path(__file__).parents[1] / "e2e" / "a11y_sweep.js").read_text(encoding="utf-8")


def case_id_of(page: Page) -> str:
    """Return the id of the case the page shows."""
    return re.search(r"/cases/(\d+)", page.url).group(1)


def act(page: Page, event: str, **fields: str) -> None:
    """Choose the action (it opens its form), fill the fields and press its button."""
    choice = page.locator(f"#choose-{event}")
    if choice.count() and choice.get_attribute("open") is None:
        choice.locator("summary").click()
    form = page.locator(f"#action-{event}")
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.locator(f"button[name=event][value={event}]").click()


def submit_question(page: Page, title: str) -> str:
    """Submit a question through the form; return its id."""
    page.goto("/cases/new")
    page.get_by_label("Overskrift").fill(title)
    page.get_by_role("button", name="Send sagen").click()
    expect(page.locator(".flash-success")).to_be_visible()
    return case_id_of(page)


def sweep(page: Page, path: str) -> list[str]:
    """Open a page and return what the accessibility sweep finds on it."""
    page.goto(path)
    return page.evaluate(SWEEP)


def fill_date(field: Locator, day: date) -> None:
    """Type a date as a Dane writes it (dd-mm-åååå) into a date field with its calendar, and confirm it."""
    # The calendar's deferred script gives the label to the field people type in; on a busy machine
    # (parallel workers) the page may still be parsing when the test reaches here, so wait for it.
    field.page.wait_for_load_state("domcontentloaded")
    field.fill(day.strftime("%d-%m-%Y"))
    field.press("Enter")
