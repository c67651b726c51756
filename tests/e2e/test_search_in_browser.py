"""An employee looks for what was asked before: the search page from the top menu, at 1280 and 390 px.

Sara works at the school and sits on its LokalMED; Anna asked about chairs and Lene answered. Sara
types an inflected word ("stolene"), finds Anna's case with the word marked, and opens it. On a phone
the search is behind the folding menu; no page scrolls sideways, and axe-core finds nothing serious.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services import cases as case_service
from medflow.services.users import set_password_hash
from tests.e2e.conftest import PASSWORD, log_in, shot
from tests.e2e.test_phone_and_axe import DESK, PHONE, WIDER_THAN_SCREEN, _axe_problems


def _answered_case(app) -> int:
    """Anna's question about chairs, answered by Lene (through the services, as the pages would)."""
    with app.app_context():
        engines = app.extensions["medflow.engines"]
        people = {p.email.split("@")[0]: p for p in db.session.scalars(select(Person))}
        new = case_service.NewCase("question", "Hvornår kommer der nye stole?",
                                   "Stolene i personalerummet er slidte, og flere har ondt i ryggen.")
        case = case_service.submit_case(db.session, engines, people["anna"], new)
        for event, fields in (("accept", {}), ("resolve", {"answer": "Der kommer nye stole i marts.",
                                                          "outcome": "decision"})):
            case = case_service.fire_event(db.session, engines, people["lene"], case.id, event, case.version,
                                           fields)
        set_password_hash(db.session, ["sara@example.dk"], PASSWORD)
        return case.id


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["desk", "phone"])
def test_an_employee_finds_a_case_answered_before_by_an_inflected_word(browser, browser_context_args,
                                                                       live_app, size):
    case_id = _answered_case(live_app)
    context = browser.new_context(**{**browser_context_args, "viewport": size}, bypass_csp=True)  # for axe-core
    page = context.new_page()
    log_in(page, "sara")
    if size == PHONE:
        page.get_by_role("button", name="Menu").click()
    page.get_by_test_id("nav-search").click()
    expect(page.get_by_role("heading", name="Søg", exact=True)).to_be_visible()
    page.get_by_label("Søgeord").fill("stolene")
    page.get_by_role("button", name="Søg", exact=True).click()

    result = page.get_by_test_id("search-result")
    expect(result).to_have_count(1)
    expect(result.locator("mark").first).to_have_text("stole")
    expect(result).to_contain_text("LokalMED Skole")
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert _axe_problems(page) == []
    shot(page, f"search-{'phone' if size == PHONE else 'desk'}")
    result.get_by_role("link").click()
    page.wait_for_url(f"**/cases/{case_id}")
    expect(page.get_by_text("Der kommer nye stole i marts.").first).to_be_visible()
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    context.close()
