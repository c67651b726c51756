"""Steps the browser tests share: read the case id from the address, act on a case, submit a question."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def case_id_of(page: Page) -> str:
    """Return the id of the case the page shows."""
    return re.search(r"/cases/(\d+)", page.url).group(1)


def act(page: Page, event: str, **fields: str) -> None:
    """Fill an action form's fields and press its button."""
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
