"""A secretary in a browser: plan, agenda, minutes that decide cases; then chair and vice chair approve."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from medflow.domain.org import parse_org
from medflow.extensions import db
from medflow.services.org import import_org
from medflow.services.people.users import set_password_hash
from tests.e2e.conftest import PASSWORD, shot
from tests.helpers.browser import fill_date
from tests.meeting_helpers import MEETING_ORG, accepted_case, in_days


def add_secretary_and_cases(live_app) -> tuple[int, int]:
    """Give LokalMED Skole a secretary (Sonja) and two accepted cases; return their ids."""
    with live_app.app_context():
        import_org(db.session, parse_org(MEETING_ORG, "test-org"))
        set_password_hash(db.session, ["sonja@example.dk", "tove@example.dk"], PASSWORD)
        first = accepted_case(live_app, "Nye stole i personalerummet")
        return first, accepted_case(live_app, "Støj i kantinen")


def plan_meeting(sonja: Page) -> None:
    """Plan a meeting from the committee page: today from midnight, so it has begun (decisions are possible)."""
    sonja.get_by_role("link", name="LokalMED Skole").first.click()
    sonja.get_by_test_id("committee-meetings").click()
    form = sonja.get_by_test_id("plan-form")
    fill_date(form.get_by_label("Dato"), in_days(0))
    form.get_by_label("Starter").fill("00:00")
    form.get_by_label("Slutter").fill("00:30")
    form.get_by_label("Sted").fill("Mødelokale 2, Rådhuset")
    form.get_by_role("button", name="Planlæg mødet").click()
    expect(sonja.locator(".flash-success")).to_contain_text("Mødet er planlagt.")


def build_agenda(sonja: Page) -> None:
    """Put both cases and a free item on the agenda, then publish it."""
    for title in ("Nye stole i personalerummet", "Støj i kantinen"):
        sonja.get_by_test_id("add-case").locator("li", has_text=title).get_by_role("button").click()
    form = sonja.get_by_test_id("add-item")
    form.get_by_label("Overskrift").fill("Trivselsmåling 2026")
    form.get_by_label("Tekst").fill("Resultaterne gennemgås; handleplan aftales på næste møde.")
    form.get_by_role("button", name="Tilføj punktet").click()
    sonja.get_by_role("button", name="Offentliggør dagsordenen").click()
    expect(sonja.locator(".flash-success")).to_contain_text("Dagsordenen er offentliggjort")
    expect(sonja.get_by_test_id("agenda").locator("> li")).to_have_count(8)  # with the 4 standing items


def write_minutes(sonja: Page) -> None:
    """Decide the two cases and agree what is told to whom, with a story for the newsletter."""
    sonja.get_by_role("link", name="Referat", exact=True).click()
    attendance = sonja.get_by_test_id("attendance-form")
    for name in ("Lene Leder", "Tove TR"):
        attendance.locator("fieldset", has_text=name).get_by_label("Til stede").check()
    attendance.locator("fieldset", has_text="Sara Medlem").get_by_label("Afbud").check()
    attendance.get_by_label("Referent").select_option("sonja@example.dk")
    attendance.get_by_role("button", name="Gem fremmødet").click()
    expect(sonja.get_by_test_id("apologies")).to_have_text("Sara Medlem")
    first = sonja.get_by_test_id("minutes-form-4")
    first.get_by_label("Referat", exact=True).fill("Udvalget bestiller nye stole til personalerummet.")
    first.get_by_label("Beslutning", exact=True).select_option("resolve")
    first.get_by_label("Svar", exact=True).fill("Nye stole kommer i marts.")
    first.get_by_label("Udfald").select_option("decision")
    shot(sonja, "meeting-minutes-form")
    first.get_by_role("button", name="Gem referatet af punktet").click()
    expect(sonja.locator(".flash-success")).to_contain_text("Referatet af punktet er gemt.")
    second = sonja.get_by_test_id("minutes-form-5")
    second.get_by_label("Referat", exact=True).fill("Akustikken kræver ombygning; OmrådeMED tager stilling.")
    second.get_by_label("Beslutning", exact=True).select_option("forward")
    second.get_by_role("button", name="Gem referatet af punktet").click()
    line = sonja.get_by_test_id("line-form")
    line.get_by_label("Hvad fortælles").fill("Nye stole i personalerummet fra marts")
    line.get_by_label("Hvordan").select_option("newsletter")
    line.get_by_label("Af hvem").select_option("tove@example.dk")
    fill_date(line.get_by_label("Senest"), in_days(14))
    line.get_by_label("Historiens titel (til personalebladet)").fill("Nye stole på skolen")
    line.get_by_label("Historiens tekst (til personalebladet)").fill(
        "LokalMED Skole har besluttet at udskifte stolene.")
    line.get_by_role("button", name="Tilføj linjen").click()
    expect(sonja.get_by_test_id("communication-lines")).to_contain_text("Nye stole på skolen")


def test_secretary_walks_from_agenda_to_minutes_and_the_chair_approves(live_app, as_user):
    stole, stoj = add_secretary_and_cases(live_app)
    sonja = as_user("sonja")
    plan_meeting(sonja)
    build_agenda(sonja)
    shot(sonja, "meeting-agenda")
    meeting_url = sonja.url
    write_minutes(sonja)
    sonja.goto(meeting_url)
    sonja.get_by_role("link", name="Alle udvalgets møder").click()
    expect(sonja.get_by_test_id("meeting-list")).to_contain_text("Mødelokale 2, Rådhuset")
    shot(sonja, "meeting-list")

    lene = as_user("lene")
    lene.goto(meeting_url + "/minutes")
    lene.get_by_role("button", name="Godkend referatet").click()
    expect(lene.locator(".flash-success")).to_contain_text("Din godkendelse er registreret")
    expect(lene.get_by_test_id("minutes-draft")).to_contain_text("næstformanden (medarbejderne)")
    tove = as_user("tove")
    tove.goto(meeting_url + "/minutes")
    tove.get_by_role("button", name="Godkend referatet").click()
    expect(tove.locator(".flash-success")).to_contain_text("Referatet er godkendt")
    expect(tove.get_by_test_id("meeting-when")).to_contain_text("Referat: Godkendt")
    expect(tove.get_by_test_id("approvals")).to_contain_text("Lene Leder")
    expect(tove.locator("textarea[name=minutes]")).to_have_count(0)
    shot(tove, "meeting-minutes-approved")
    lene.goto(f"/cases/{stole}")
    expect(lene.locator(".state").first).to_have_text("Besvaret")
    lene.goto(f"/cases/{stoj}")
    expect(lene.get_by_text(re.compile("OmrådeMED Børn og Unge")).first).to_be_visible()

    anna = as_user("anna")
    anna.get_by_test_id("nav-news").click()
    expect(anna.locator(".story")).to_contain_text("Nye stole på skolen")
    shot(anna, "news")


def test_meeting_pages_pass_the_accessibility_sweep(live_app, as_user):
    from tests.e2e.test_accessibility_in_browser import sweep

    add_secretary_and_cases(live_app)
    sonja = as_user("sonja")
    plan_meeting(sonja)
    meeting = sonja.url
    paths = [meeting, meeting + "/minutes", "/committees/lok-skole/meetings", "/meetings", "/news", "/calendar"]
    found = {path: sweep(sonja, path) for path in paths}
    assert {path: problems for path, problems in found.items() if problems} == {}
