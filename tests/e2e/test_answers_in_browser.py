"""Has this been answered before? An employee types a question and sees an answer another workplace shared.

Lene's LokalMED Skole answered a question about chairs and shared the answer with everyone. Peter
works at the nursing home; on the new-case form he types "Vi mangler nye stole", and before he
sends anything the form shows the school's shared answer (and the kommune's offer that helps); he
opens the archive from the menu. At 1280 and 390 px, with no sideways scroll and nothing serious
for axe-core; screenshots of the suggestions and the archive.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services import cases as case_service
from medflow.services.answers.sharing import Share, share_answer
from medflow.services.people.users import set_password_hash
from tests.e2e.conftest import PASSWORD, log_in, shot
from tests.e2e.test_phone_and_axe import DESK, PHONE, WIDER_THAN_SCREEN, _axe_problems


def _shared_chairs(app) -> None:
    """Anna's question about chairs, answered by Lene and shared with all employees."""
    with app.app_context():
        engines = app.extensions["medflow.engines"]
        people = {p.email.split("@")[0]: p for p in db.session.scalars(select(Person))}
        new = case_service.NewCase("question", "Hvornår kommer der nye stole?", "Stolene er slidte.",
                                   topic="ny-teknologi-og-bygninger")
        case = case_service.submit_case(db.session, engines, people["anna"], new)
        for event, fields in (("accept", {}), ("resolve", {"answer": "Der kommer nye stole i marts.",
                                                          "outcome": "decision"})):
            case = case_service.fire_event(db.session, engines, people["lene"], case.id, event, case.version,
                                           fields)
        share_answer(db.session, people["lene"], case.id, Share(
            "Nye stole i personalerummet", "Skolen har købt stole med justerbar ryg; arbejdsmiljørådgivningen "
            "hjalp med at vælge dem."))
        set_password_hash(db.session, ["peter@example.dk"], PASSWORD)


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["desk", "phone"])
def test_an_employee_typing_a_question_sees_an_answer_shared_by_another_workplace(browser, browser_context_args,
                                                                                  live_app, size):
    _shared_chairs(live_app)
    context = browser.new_context(**{**browser_context_args, "viewport": size}, bypass_csp=True)  # for axe-core
    page = context.new_page()
    log_in(page, "peter")
    page.goto("/cases/new")
    expect(page.get_by_test_id("suggestions")).to_be_hidden()
    page.locator("#title").press_sequentially("Vi mangler nye stole", delay=20)

    panel = page.get_by_test_id("suggestions")
    expect(panel).to_be_visible()
    answer = panel.locator("li[data-kind=answer]")
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("Nye stole i personalerummet")
    expect(answer).to_contain_text("LokalMED Skole")
    expect(panel.locator("li[data-kind=offer]").first).to_be_visible()
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert _axe_problems(page) == []
    name = "phone" if size == PHONE else "desk"
    shot(page, f"answers-suggestions-{name}")

    if size == PHONE:
        page.get_by_role("button", name="Menu").click()
    page.get_by_test_id("nav-answers").click()
    expect(page.get_by_role("heading", name="Delte svar", exact=True)).to_be_visible()
    expect(page.get_by_test_id("shared-answer")).to_have_count(1)
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert _axe_problems(page) == []
    shot(page, f"answers-archive-{name}")
    page.get_by_role("link", name="Nye stole i personalerummet").click()
    expect(page.get_by_text("Skolen har købt stole").first).to_be_visible()
    expect(page.get_by_test_id("offer").first).to_be_visible()
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    context.close()


def test_without_javascript_the_form_asks_to_check_first_and_then_sends(browser, browser_context_args,
                                                                        live_app):
    _shared_chairs(live_app)
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    log_in(page, "peter")
    page.goto("/cases/new")
    page.locator("#title").fill("Vi mangler nye stole")
    page.get_by_role("button", name="Send sagen").click()
    check = page.get_by_test_id("check-first")
    expect(check).to_contain_text("Nye stole i personalerummet")
    page.get_by_test_id("send-anyway").click()
    page.wait_for_url("**/cases/*")
    expect(page.get_by_text("Din sag er sendt til LokalMED Plejecenter.")).to_be_visible()
    context.close()
