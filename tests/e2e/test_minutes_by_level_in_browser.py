"""KommuneMED's secretary runs a whole meeting in a browser, on a fixed clock, at 1280 and 390 px.

The standing items get their minutes and the attendance is taken; a work-environment case the school
sent up is answered in the minutes with a decision of principle, a question is referred down, a
communication line carries a story; a missing decision and a case that moved meanwhile keep what was
typed. After the meeting the chair and the vice chair each approve; the employee reads answer and story.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import current_app
from playwright.sync_api import Page, expect

from medflow.domain.org import parse_org
from medflow.extensions import db
from medflow.persistence.models import Case, Meeting, Person
from medflow.services import cases as case_service
from medflow.services.meetings import agenda, planning
from medflow.services.org import import_org
from medflow.services.people.users import set_password_hash
from tests.e2e.conftest import shot
from tests.e2e.test_phone_and_axe import DESK, PHONE, WIDER_THAN_SCREEN
from tests.helpers.browser import fill_date
from tests.integration.test_minutes_by_level import NOISE, ORG

NOW = datetime(2027, 3, 10, 12, 30, tzinfo=UTC)  # Wednesday 10 March 2027, 13:30 in Copenhagen
MEETING_DAY = date(2027, 3, 10)
ANSWER = "Alle kantiner får lydabsorbenter inden 1. juni; centrene melder tilbage i august."


class _Clock(datetime):
    """`datetime` whose now() is `at`: the meeting afternoon, so the meeting is under way whenever this runs."""

    at = NOW

    @classmethod
    def now(cls, tz=None):
        return cls.at.astimezone(tz) if tz else cls.at.replace(tzinfo=None)


@pytest.fixture
def fixed_clock(monkeypatch):
    """Stop medflow's clock (persistence.base.utcnow) at NOW, for the server thread too; move it with `at`."""
    monkeypatch.setattr("medflow.persistence.base.datetime", _Clock)
    monkeypatch.setattr(_Clock, "at", NOW)
    return _Clock


def _fire(who: Person, case_id: int, event: str, **fields) -> None:
    engines = current_app.extensions["medflow.engines"]
    case = db.session.get(Case, case_id)
    case_service.fire_event(db.session, engines, who, case_id, event, case.version, fields)


def _sent_up(people: dict, new: case_service.NewCase) -> int:
    """Return a case Anna submits, the school and the area send up at once, and KommuneMED takes up."""
    case = case_service.submit_case(db.session, current_app.extensions["medflow.engines"], people["anna"], new)
    _fire(people["lene"], case.id, "forward", comment="Kræver en beslutning for hele kommunen.")
    _fire(people["ole"], case.id, "forward", comment="Samme spørgsmål fra flere skoler.")
    _fire(people["kim"], case.id, "accept")
    return case.id


def kommunemed_meeting(live_app) -> tuple[int, dict[str, int]]:
    """Put three cases sent up from the school on a published KommuneMED agenda for today."""
    with live_app.app_context():
        import_org(db.session, parse_org(ORG, "test-org"))
        set_password_hash(db.session, ["karl@example.dk", "vera@example.dk"], "e2e-kodeord-123")
        people = {p.email.split("@")[0]: p for p in db.session.query(Person)}
        cases = {
            "noise": _sent_up(people, NOISE),
            "question": _sent_up(people, case_service.NewCase(
                workflow="question", title="Må skolen selv planlægge sine personalemøder?")),
            "parking": _sent_up(people, case_service.NewCase(
                workflow="question", title="Parkering for medarbejdere ved rådhuset")),
        }
        meeting = planning.create_meeting(db.session, people["karl"], "kommunemed", planning.MeetingPlan(
            date=MEETING_DAY, start_time="13:00", end_time="15:30", place="Rådhuset, mødelokale 1"))
        for case_id in cases.values():
            _fire(people["karl"], case_id, "schedule", meeting=str(meeting.id))
        version = db.session.get(Meeting, meeting.id).version
        agenda.publish_agenda(db.session, people["karl"], meeting.id, version)
        return meeting.id, cases


def answer_elsewhere(live_app, case_id: int) -> None:
    """Kim answers a case on its own page while the secretary is still typing its minutes."""
    with live_app.app_context():
        kim = db.session.query(Person).filter_by(email="kim@example.dk").one()
        _fire(kim, case_id, "resolve", answer="Parkeringen afgøres i Teknik- og Miljøudvalget.",
              outcome="information")


def item_form(page: Page, title: str):
    """Return the minutes form of the agenda item with this title (standing items come first)."""
    return page.locator("section.minutes-item", has_text=title).locator("form")


def standing_items_and_attendance(karl: Page) -> None:
    """The standing items get their short minutes; Karl records who came, who sent apologies, who writes."""
    announcements = item_form(karl, "Meddelelser")
    announcements.get_by_label("Referat", exact=True).fill("Direktionen orienterede om budgetprocessen.")
    save(announcements)
    expect(karl.locator(".flash-success")).to_contain_text("Referatet af punktet er gemt.")
    attendance = karl.get_by_test_id("attendance-form")
    karl.locator("details", has=attendance).evaluate("details => { details.open = true; }")
    attendance.get_by_role("group", name="Kim Direktør").get_by_label("Til stede").check()
    attendance.get_by_role("group", name="Vera Næstformand").get_by_label("Til stede").check()
    attendance.get_by_role("group", name="Karl Sekretær").get_by_label("Afbud").check()
    attendance.get_by_label("Referent").select_option("vera@example.dk")
    attendance.get_by_role("button", name="Gem fremmødet").click()
    expect(karl.get_by_test_id("present")).to_contain_text("Kim Direktør")
    expect(karl.get_by_test_id("apologies")).to_contain_text("Karl Sekretær")
    expect(karl.get_by_test_id("minute-taker")).to_have_text("Vera Næstformand")


def save(form) -> None:
    """Press the item's save button."""
    form.get_by_role("button", name="Gem referatet af punktet").click()


def missing_decision_keeps_the_answer(karl: Page, size: str) -> None:
    """An answer with 'Ingen beslutning endnu' is refused beside the item; all typed text stays."""
    noise = item_form(karl, "Støj i kantinen")
    noise.get_by_label("Referat", exact=True).fill("KommuneMED vedtager en fælles støjgrænse for kantiner.")
    noise.get_by_label("Svar", exact=True).fill(ANSWER)
    save(noise)
    expect(karl.locator("#problem")).to_contain_text("Du har udfyldt “Svar”, men ikke valgt en beslutning")
    noise = item_form(karl, "Støj i kantinen")
    expect(noise.get_by_label("Svar", exact=True)).to_have_value(ANSWER)
    expect(noise.get_by_label("Referat", exact=True)).to_have_value(re.compile("fælles støjgrænse"))
    shot(karl, f"{size}-kommunemed-minutes-missing-decision")
    noise.get_by_label("Beslutning", exact=True).select_option("resolve")
    noise.get_by_label("Udfald").select_option("guideline")
    save(noise)
    expect(karl.locator(".flash-success")).to_contain_text("Referatet af punktet er gemt.")


def refer_the_question(karl: Page) -> None:
    """The question belongs to the area: referred down in the minutes."""
    question = item_form(karl, "Må skolen selv planlægge")
    question.get_by_label("Referat", exact=True).fill("Spørgsmålet afgøres i OmrådeMED Børn og Unge.")
    question.get_by_label("Beslutning", exact=True).select_option("refer")
    question.get_by_label("Henvis til").select_option("omr-born")
    save(question)
    expect(karl.locator(".flash-success")).to_contain_text("Referatet af punktet er gemt.")


def moved_case_keeps_the_typing(live_app, karl: Page, parking_id: int, size: str) -> None:
    """The case is answered elsewhere meanwhile: 409, said in words, and the typed text is still there."""
    parking = item_form(karl, "Parkering for medarbejdere")
    parking.get_by_label("Referat", exact=True).fill("Parkeringen blev drøftet.")
    parking.get_by_label("Beslutning", exact=True).select_option("resolve")
    parking.get_by_label("Svar", exact=True).fill("Der kommer 20 nye pladser.")
    parking.get_by_label("Udfald").select_option("decision")
    answer_elsewhere(live_app, parking_id)
    save(parking)
    expect(karl.locator("#problem")).to_contain_text("Sagen er nu Besvaret hos KommuneMED")
    expect(karl.locator("#problem")).not_to_contain_text("resolved")
    parking = item_form(karl, "Parkering for medarbejdere")
    expect(parking.get_by_label("Referat", exact=True)).to_have_value("Parkeringen blev drøftet.")
    kept = parking.get_by_test_id("typed-kept")
    expect(kept).to_contain_text("Der kommer 20 nye pladser.")
    expect(kept).to_contain_text("Beslutning")  # the outcome by its name, not its key
    expect(kept).not_to_contain_text("decision")
    assert karl.evaluate(WIDER_THAN_SCREEN) == []
    shot(karl, f"{size}-kommunemed-minutes-case-moved")
    save(parking)
    expect(karl.locator(".flash-success")).to_contain_text("Referatet af punktet er gemt.")


def tell_the_employees(karl: Page) -> None:
    """A communication line with a story for the newsletter."""
    line = karl.get_by_test_id("line-form")
    line.get_by_label("Hvad fortælles").fill("Fælles støjgrænse i kantinerne")
    line.get_by_label("Hvordan").select_option("newsletter")
    line.get_by_label("Af hvem").select_option("karl@example.dk")
    fill_date(line.get_by_label("Senest"), MEETING_DAY + timedelta(days=14))
    line.get_by_label(re.compile("^Historiens titel")).fill("Ro i kantinerne")
    line.get_by_label(re.compile("^Historiens tekst")).fill("KommuneMED har besluttet, at alle kantiner får "
                                                            "lydabsorbenter inden 1. juni.")
    line.get_by_role("button", name="Tilføj linjen").click()
    expect(karl.get_by_test_id("communication-lines")).to_contain_text("Ro i kantinerne")


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["1280", "390"])
def test_kommunemed_answers_a_case_from_a_school_in_the_minutes(live_app, as_user, fixed_clock, size):
    name = str(size["width"])
    meeting_id, cases = kommunemed_meeting(live_app)
    karl = as_user("karl")
    karl.set_viewport_size(size)
    karl.goto(f"/meetings/{meeting_id}/minutes")
    expect(karl.locator("section.minutes-standing h2").first).to_contain_text("Godkendelse af dagsorden")
    standing_items_and_attendance(karl)
    decisions = item_form(karl, "Støj i kantinen").get_by_label("Beslutning", exact=True)
    expect(decisions.locator("option")).to_have_text(
        ["Ingen beslutning endnu", "Afslut med svar", "Henvis nedad", "Afvis", "Udsat til næste møde"])
    missing_decision_keeps_the_answer(karl, name)
    refer_the_question(karl)
    moved_case_keeps_the_typing(live_app, karl, cases["parking"], name)
    tell_the_employees(karl)
    shot(karl, f"{name}-kommunemed-minutes-written")

    fixed_clock.at = NOW + timedelta(hours=3)  # the meeting is over: the two sides approve
    kim = as_user("kim")
    kim.set_viewport_size(size)
    kim.goto(f"/meetings/{meeting_id}/minutes")
    kim.get_by_role("button", name="Godkend referatet").click()
    expect(kim.locator("body")).to_contain_text("Udkast")
    vera = as_user("vera")
    vera.set_viewport_size(size)
    vera.goto(f"/meetings/{meeting_id}/minutes")
    vera.get_by_role("button", name="Godkend referatet").click()
    expect(vera.locator("body")).to_contain_text("Godkendt af næstformanden (medarbejderne): Vera Næstformand")
    expect(vera.locator("body")).to_contain_text("Godkendt af formanden (ledelsen): Kim Direktør")
    shot(vera, f"{name}-kommunemed-minutes-approved")

    anna = as_user("anna")
    anna.set_viewport_size(size)
    anna.goto(f"/cases/{cases['noise']}")
    expect(anna.locator(".state").first).to_have_text("Afsluttet")
    expect(anna.get_by_text(ANSWER).first).to_be_visible()
    shot(anna, f"{name}-kommunemed-case-answered")
    anna.goto(f"/cases/{cases['question']}")
    expect(anna.get_by_text("OmrådeMED Børn og Unge").first).to_be_visible()
    anna.goto("/news")
    expect(anna.locator(".story")).to_contain_text("Ro i kantinerne")
    assert anna.evaluate(WIDER_THAN_SCREEN) == []
    shot(anna, f"{name}-kommunemed-news-story")
