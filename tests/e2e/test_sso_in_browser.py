"""Log-in with the kommune's account in Chromium: medflow → a real OpenID Connect provider → medflow."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.helpers.browser import SWEEP
from tests.oidc.site import SsoSite


@pytest.fixture
def site(tmp_path):
    """Run medflow (SQLite) and the provider on 127.0.0.1; stop both afterwards."""
    running = SsoSite(f"sqlite:///{tmp_path / 'sso.db'}")
    yield running
    running.stop()


@pytest.fixture
def page(browser, browser_context_args):
    """Return a tab in a fresh browser (no cookies)."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def sign_in_at_provider(page, email: str) -> None:
    """Fill in the kommune's log-in form as the person would."""
    expect(page.get_by_role("heading", name="Testkommunens log-in")).to_be_visible()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill("kommunens-kodeord")
    page.get_by_role("button", name="Log ind hos kommunen").click()


def test_a_person_logs_in_with_the_kommune_account(site, page):
    page.goto(f"{site.url}/login")
    expect(page.get_by_role("link", name="Log ind med kommunens konto")).to_be_visible()
    expect(page.get_by_label("Adgangskode")).to_be_visible()  # local accounts can still use a password
    assert page.evaluate(SWEEP) == []
    shot(page, "sso-login")

    page.get_by_role("link", name="Log ind med kommunens konto").click()
    page.wait_for_url(f"{site.provider.issuer}/interaction/**")
    shot(page, "sso-provider")
    sign_in_at_provider(page, "lene@example.dk")

    page.wait_for_url(f"{site.url}/committees/lok-skole")  # a chair lands on her committee's inbox
    expect(page.locator(".who")).to_have_text("Lene Leder")
    expect(page.get_by_role("heading", name="LokalMED Skole")).to_be_visible()


def test_someone_the_organisation_does_not_know_gets_a_clear_page(site, page):
    page.goto(f"{site.url}/login")
    page.get_by_role("link", name="Log ind med kommunens konto").click()
    sign_in_at_provider(page, "vikar@example.dk")

    expect(page.get_by_role("heading", name="Du blev ikke logget ind")).to_be_visible()
    expect(page.get_by_test_id("sso-refused")).to_contain_text("vikar@example.dk er ikke oprettet i medflow")
    assert page.evaluate(SWEEP) == []
    shot(page, "sso-refused")
    page.get_by_role("link", name="Tilbage til log ind-siden").click()
    expect(page.get_by_role("link", name="Log ind med kommunens konto")).to_be_visible()
