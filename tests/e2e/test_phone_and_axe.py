"""On a phone (390 px) and a desk (1280 px): no sideways scrolling, a folding menu, cards, and axe-core.

axe-core (from the project's package.json, installed by `make test`) runs inside each page; no serious
or critical violation is allowed on the front page, guide, new case, case pages, inbox and flowchart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in, shot
from tests.helpers.browser import act, case_id_of, submit_question

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}


def _axe_problems(page: Page) -> list[str]:
    """Run axe-core in the page; return the serious and critical violations as readable lines."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result
            if v["impact"] in ("serious", "critical")]


WIDER_THAN_SCREEN = """() => document.scrollingElement.scrollWidth <= window.innerWidth + 1 ? [] :
  [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`).slice(-3)"""


def _scrolls_sideways(page: Page) -> list[str]:
    """Return the innermost elements that stick out to the right (nothing when the page fits)."""
    return page.evaluate(WIDER_THAN_SCREEN)


def _work_environment_case(as_user) -> str:
    amir = as_user("anna")
    amir.goto("/cases/new?topic=arbejdsmiljoe-fysisk")
    amir.get_by_label("Overskrift").fill("Træk fra vinduerne i klasselokale 3")
    amir.get_by_label("Sted").fill("Klasselokale 3")
    amir.get_by_label("Hvad skete der").fill("Det trækker koldt ind om morgenen.")
    amir.get_by_role("button", name="Send sagen").click()
    return case_id_of(amir)


@pytest.fixture
def axe_tab(browser, browser_context_args):
    """Return axe_tab('lene'): a logged-in tab that lets the test inject axe-core past the site's CSP."""
    contexts = []

    def open_as(who: str) -> Page:
        context = browser.new_context(**browser_context_args, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        log_in(page, who)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["1280", "390"])
def test_the_main_pages_pass_axe_and_never_scroll_sideways(as_user, axe_tab, size):
    question = submit_question(as_user("anna"), "Hvornår kommer der nye stole?")
    we_case = _work_environment_case(as_user)
    lene = axe_tab("lene")
    lene.set_viewport_size(size)
    width = size["width"]
    pages = {"front": "/", "guide": "/guide", "new-case": "/cases/new", "case-question": f"/cases/{question}",
             "case-work-environment": f"/cases/{we_case}", "inbox": "/committees/lok-skole",
             "flowchart": "/flowchart"}
    found = {}
    for name, path in pages.items():
        lene.goto(path)
        problems = [f"scrolls sideways: {wide}" for wide in _scrolls_sideways(lene)]
        shot(lene, f"{width}-{name}")
        problems += _axe_problems(lene)
        if problems:
            found[name] = problems
    assert found == {}


def test_on_a_phone_the_menu_folds_the_inbox_is_cards_and_actions_come_before_history(as_user):
    case_id = submit_question(as_user("anna"), "Kan vi få et hæve-sænkebord?")
    lene = as_user("lene")
    lene.set_viewport_size(PHONE)
    lene.goto("/committees/lok-skole")
    menu = lene.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(lene.get_by_role("link", name="Organisation")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(lene.get_by_role("link", name="Organisation")).to_be_visible()
    menu.click()

    row = lene.locator("table.cases tbody tr").first
    expect(lene.locator("table.cases thead")).to_have_css("position", "absolute")
    assert row.bounding_box()["width"] > 300  # a card as wide as the screen, not a cramped table row
    assert "Status" in row.locator("td").nth(2).evaluate("el => getComputedStyle(el, '::before').content")

    lene.goto(f"/cases/{case_id}")
    actions, history = lene.locator(".case-actions").bounding_box(), lene.locator("#timeline-h").bounding_box()
    assert actions["y"] < history["y"]
    act(lene, "accept")
    expect(lene.locator(".flash-success")).to_contain_text("Taget under behandling")


def test_on_a_desk_the_menu_is_open_and_there_is_no_menu_button(as_user):
    lene = as_user("lene")
    expect(lene.get_by_role("button", name="Menu")).to_be_hidden()
    expect(lene.get_by_role("link", name="Organisation")).to_be_visible()


def test_the_flowchart_keeps_readable_labels_on_a_phone_and_scrolls_instead(page: Page):
    page.set_viewport_size(PHONE)
    page.goto("/flowchart")
    figure = page.locator("#flowchart-diagram")
    smallest = figure.evaluate(
        "f => Math.min(...[...f.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height))")
    assert smallest >= 12
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth")  # the figure scrolls, the page does not
    assert _scrolls_sideways(page) == []
    expect(page.get_by_role("link", name="Vis som liste")).to_be_visible()
