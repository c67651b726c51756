"""The Content-Security-Policy holds in Chromium: the main pages load with no CSP violation."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.helpers.browser import submit_question

PAGES = ("/cases", "/cases/new", "/cases/{case}", "/cases/{case}/diagram", "/committees/lok-skole", "/org",
         "/flowchart", "/workflows/question", "/guide", "/notifications", "/information", "/account/tokens")


def violations(page: Page) -> list[str]:
    """Collect the console's CSP reports for this page from now on."""
    found: list[str] = []
    page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
    return found


def test_the_policy_blocks_inline_script_and_the_console_reports_it(page: Page):
    page.goto("/login")
    with page.expect_console_message(lambda msg: "Content Security Policy" in msg.text) as report:
        page.evaluate("""() => { const s = document.createElement("script");
                                 s.textContent = "document.body.dataset.injected = 'yes'";
                                 document.body.append(s); }""")
    assert "script-src 'self'" in report.value.text
    expect(page.locator("body")).not_to_have_attribute("data-injected", "yes")


def test_the_main_pages_have_no_csp_violations(as_user):
    lene = as_user("lene")
    found = violations(lene)
    lene.goto("/login")
    case = submit_question(as_user("anna"), "Må vi få nye stole?")
    for path in PAGES:
        lene.goto(path.format(case=case))
        lene.wait_for_load_state("load")
    lene.goto("/cases/new")
    lene.locator("#topic").select_option(index=1)  # our own script still runs
    expect(lene.locator("#goes-to")).to_be_visible()
    assert found == []


def test_the_public_pages_have_no_csp_violations(page: Page):
    found = violations(page)
    for path in ("/login", "/flowchart", "/guide", "/workflows/question", "/no-such-page"):
        page.goto(path)
        page.wait_for_load_state("load")
    page.goto("/login")
    assert found == []
