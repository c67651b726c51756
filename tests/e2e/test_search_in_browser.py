"""An employee looks for what was asked before: the search page from the top menu, at 1280 and 390 px.

Sara works at the school and sits on its LokalMED; Anna asked about chairs and Lene answered, and the
approved minutes told the staff newsletter. Sara types an inflected word ("stolene"), finds Anna's case
and the news story with the word marked, narrows to news, and opens the case. On a phone
the search is behind the folding menu; no page scrolls sideways, and axe-core finds nothing serious.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services import cases as case_service
from medflow.services.meetings import communication, planning
from medflow.services.people.users import set_password_hash
from tests.e2e.conftest import PASSWORD, log_in, shot
from tests.e2e.test_phone_and_axe import DESK, PHONE, WIDER_THAN_SCREEN, _axe_problems
from tests.meeting_helpers import BEGUN, approve_both, in_days


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
        _story(app, people)
        set_password_hash(db.session, ["sara@example.dk"], PASSWORD)
        return case.id


def _story(app, people) -> None:
    """Today's meeting of LokalMED Skole tells the newsletter about the chairs; its minutes are approved."""
    meeting = planning.create_meeting(db.session, people["lene"], "lok-skole",
                                      planning.MeetingPlan(date=in_days(0), **BEGUN))
    communication.add_line(db.session, people["lene"], meeting.id, meeting.version, communication.NewLine(
        what="Fortæl om stolene", audience="employees", channel="newsletter", owner="sara@example.dk",
        due_date=in_days(14).isoformat(), story_title="Nye stole på skolen",
        story_text="Personalerummet får nye stole i marts."))
    approve_both(app, meeting.id)


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

    results = page.get_by_test_id("search-result")
    expect(results).to_have_count(2)
    news = results.filter(has_text="Nye stole på skolen")
    expect(news).to_contain_text("Nyhed ·")
    result = results.filter(has_text="Hvornår kommer der nye stole?")
    expect(result.locator("mark").first).to_have_text("stole")
    expect(result).to_contain_text("LokalMED Skole")
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert _axe_problems(page) == []
    shot(page, f"search-{'phone' if size == PHONE else 'desk'}")
    page.get_by_text("Afgræns søgningen").click()
    page.get_by_label("Type").select_option(label="Nyhed")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Nye stole på skolen")
    page.get_by_label("Type").select_option(label="Sag")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(results).to_have_count(1)
    result = results.first
    result.get_by_role("link").click()
    page.wait_for_url(f"**/cases/{case_id}")
    expect(page.get_by_text("Der kommer nye stole i marts.").first).to_be_visible()
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    context.close()
