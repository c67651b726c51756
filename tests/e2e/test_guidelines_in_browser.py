"""The guideline register and a workplace's pixi guide in the browser, at 1280 and 390 px.

Lene, chair of LokalMED Skole, has agreed two guidelines; she opens the register from the top menu,
then her committee's pixi guide from the committee page. Neither page scrolls sideways, and axe-core
finds nothing serious.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services import cases as case_service
from tests.e2e.conftest import log_in, shot
from tests.e2e.test_phone_and_axe import DESK, PHONE, WIDER_THAN_SCREEN, _axe_problems

GUIDELINES = (("Pauser i skolegården", "Der er altid to voksne i gården i frikvartererne."),
              ("Vikardækning ved sygdom", "Vikartimer fordeles i teamene, højst to ekstra om ugen."))


def _guidelines(app) -> None:
    """Two questions from Anna, answered by Lene as guidelines (through the services, as the pages would)."""
    with app.app_context():
        engines = app.extensions["medflow.engines"]
        people = {p.email.split("@")[0]: p for p in db.session.scalars(select(Person))}
        for title, answer in GUIDELINES:
            case = case_service.submit_case(db.session, engines, people["anna"],
                                            case_service.NewCase("question", title, answer))
            for event, fields in (("accept", {}), ("resolve", {"answer": answer, "outcome": "guideline"})):
                case = case_service.fire_event(db.session, engines, people["lene"], case.id, event,
                                               case.version, fields)


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["desk", "phone"])
def test_a_chair_reads_the_register_and_the_pixi_guide(browser, browser_context_args, live_app, size):
    _guidelines(live_app)
    context = browser.new_context(**{**browser_context_args, "viewport": size}, bypass_csp=True)  # for axe-core
    page = context.new_page()
    log_in(page, "lene")
    name = "phone" if size == PHONE else "desk"
    if size == PHONE:
        page.get_by_role("button", name="Menu").click()
    page.get_by_test_id("nav-guidelines").click()
    expect(page.get_by_role("heading", name="Retningslinjer og politikker")).to_be_visible()
    expect(page.locator("table.guidelines tbody tr")).to_have_count(2)
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert _axe_problems(page) == []
    shot(page, f"guidelines-{name}")

    page.goto("/committees/lok-skole")
    page.get_by_test_id("committee-pixi").click()
    expect(page.get_by_role("heading", name="Hvem er mine repræsentanter?")).to_be_visible()
    expect(page.get_by_test_id("pixi-reps")).to_contain_text("Tove TR")
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert _axe_problems(page) == []
    shot(page, f"pixi-{name}")
    context.close()
