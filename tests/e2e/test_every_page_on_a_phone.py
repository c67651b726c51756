"""No page type scrolls sideways on a phone: every kind of page the demo's people reach, at 390 px.

The page types come from the demo crawl (tests/helpers/crawl.py) as an employee, two chairs, the
secretary and an administrator, so a page added to the navigation is checked without listing it here.
"""

from __future__ import annotations

from medflow.cli import cli
from medflow.cli.demo import DEMO_PASSWORD
from tests.e2e.conftest import log_in
from tests.e2e.test_phone_and_axe import PHONE, WIDER_THAN_SCREEN
from tests.factories import log_in_client
from tests.helpers.crawl import Crawler

PEOPLE = ("anna", "klaus.brandt", "henrik.lauridsen", "camilla.frost", "admin")


def page_types(live_app) -> dict[str, tuple[str | None, str]]:
    """Load the demo and return each HTML page type with who reached it first and where."""
    result = live_app.test_cli_runner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    crawler = Crawler(live_app, set())
    crawler.crawl(None, live_app.test_client())
    for who in PEOPLE:
        client = live_app.test_client()
        log_in_client(live_app, client, who)
        crawler.crawl(who, client)
    return crawler.page_types


def test_no_page_type_is_wider_than_a_phone(live_app, browser, browser_context_args):
    types = page_types(live_app)
    assert len(types) > 30 and "/meetings/N/minutes" in types and "/admin/audit" in types
    pages = {}
    for who in (None, *PEOPLE):
        context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
        page = context.new_page()
        if who:
            log_in(page, who, DEMO_PASSWORD)
        pages[who] = page
    wide = {}
    for kind, (who, url) in sorted(types.items()):
        page = pages[who]
        page.goto(url)
        if sticking_out := page.evaluate(WIDER_THAN_SCREEN):
            wide[kind] = (who, url, sticking_out)
    assert wide == {}
