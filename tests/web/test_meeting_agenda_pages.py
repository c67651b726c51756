"""Agenda and minutes pages as a MED secretary uses them: a case put on a meeting chosen from a list,
a confirmed move between published agendas, a case taken off, arrows only where an item can move,
standing items edited, attendance recorded and printed."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests import factories
from tests.meeting_helpers import BEGUN, MEETING_ORG, in_days


@pytest.fixture
def people(app, pages):
    """Return page clients for the organisation with a secretary (Sonja) in LokalMED Skole."""
    from medflow.extensions import db

    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
    return pages


def planned(people, days: int, place: str) -> int:
    times = BEGUN if days == 0 else {"start_time": "13:00", "end_time": "15:00"}
    response = people("sonja").post("/committees/lok-skole/meetings", data={
        "date": in_days(days).isoformat(), **times, "place": place})
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def version(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def case_version(api, case_id: int) -> int:
    return api("lene").get(f"/cases/{case_id}").get_json()["version"]


def test_the_case_page_offers_the_coming_meetings_and_a_separate_way_to_plan_one(app, people, api):
    case = api("lene").fire(api("anna").submit(title="Nye stole"), "accept")
    first = planned(people, 7, "Mødelokale 2")
    page = people("lene").get(f"/cases/{case['id']}").text
    form = page.split('id="action-schedule"')[1].split("</form>")[0]
    assert f'<option value="{first}">' in form and "Mødelokale 2" in form and 'type="date"' not in form
    assert 'href="/committees/lok-skole/meetings">Planlæg et nyt møde' in form
    scheduled = people("lene").post(f"/cases/{case['id']}/events", data={
        "event": "schedule", "version": case["version"], "meeting": str(first)})
    assert scheduled.status_code == 302
    assert api("anna").get(f"/cases/{case['id']}").get_json()["meeting_date"] == in_days(7).isoformat()


def test_moving_a_case_off_a_published_agenda_needs_confirming_and_both_agendas_say_so(app, people, api):
    case = api("lene").fire(api("anna").submit(title="Nye stole"), "accept")
    first, second = planned(people, 7, "Mødelokale 2"), planned(people, 21, "Aulaen")
    lene, sonja = people("lene"), people("sonja")
    lene.post(f"/cases/{case['id']}/events", data={"event": "schedule", "version": case["version"],
                                                    "meeting": str(first)})
    sonja.post(f"/meetings/{first}/publish", data={"version": version(sonja.get(f"/meetings/{first}").text)})
    page = lene.get(f"/cases/{case['id']}").text
    assert 'name="confirm_move"' in page and "Flyt sagen fra den offentliggjorte dagsorden" in page
    refused = lene.post(f"/cases/{case['id']}/events", data={
        "event": "schedule", "version": case_version(api, case["id"]), "meeting": str(second)})
    assert refused.status_code == 409 and "Bekræft" in refused.text
    moved = lene.post(f"/cases/{case['id']}/events", data={
        "event": "schedule", "version": case_version(api, case["id"]), "meeting": str(second),
        "confirm_move": "1"})
    assert moved.status_code == 302
    assert "Flyttet til mødet den" in sonja.get(f"/meetings/{first}").text
    assert "Flyttet hertil fra mødet den" in sonja.get(f"/meetings/{second}").text
    assert "Flyttet til mødet den" in sonja.get(f"/meetings/{first}/minutes").text


def test_a_case_is_taken_off_the_agenda_from_its_item(app, people, api):
    case = api("lene").fire(api("anna").submit(title="Nye stole"), "accept")
    meeting = planned(people, 7, "Mødelokale 2")
    sonja = people("sonja")
    sonja.post(f"/meetings/{meeting}/items", data={"case": case["id"], "case_version": case["version"]})
    agenda = sonja.get(f"/meetings/{meeting}").text
    item_id = re.search(r'action="/meeting-items/(\d+)/take-off"', agenda).group(1)
    current = case_version(api, case["id"])
    taken = sonja.post(f"/meeting-items/{item_id}/take-off", data={"case_version": current})
    assert taken.status_code == 302 and taken.headers["Location"].endswith(f"/meetings/{meeting}")
    after = api("anna").get(f"/cases/{case['id']}").get_json()
    assert (after["state"], after["meeting_date"]) == ("accepted", None)
    assert "Tag af dagsordenen" not in sonja.get(f"/meetings/{meeting}").text
    gone = sonja.post(f"/meeting-items/{item_id}/take-off", data={"case_version": current + 1})
    assert gone.status_code == 404  # the agenda was not published: the item is gone


def test_reorder_arrows_appear_only_where_an_item_can_move(app, people):
    meeting = planned(people, 7, "Mødelokale 2")
    sonja = people("sonja")
    sonja.post(f"/meetings/{meeting}/items", data={"version": version(sonja.get(f"/meetings/{meeting}").text),
                                                   "title": "Trivselsmåling"})
    page = sonja.get(f"/meetings/{meeting}").text
    items = re.findall(r'<li class="agenda-item agenda-(\w+)".*?</li>', page, re.S)
    blocks = re.findall(r'<li class="agenda-item agenda-\w+".*?</li>', page, re.S)
    arrows = [("Flyt op" in b, "Flyt ned" in b) for b in blocks]
    assert items == ["standing", "standing", "standing", "free", "closing", "communication"]
    assert arrows == [(False, True), (True, True), (True, True), (True, True), (True, False), (False, False)]


def test_a_committee_edits_its_standing_items_for_the_next_meetings(app, people):
    sonja = people("sonja")
    listing = sonja.get("/committees/lok-skole/meetings").text
    assert "Godkendelse af referat fra sidste møde" in listing.split('data-testid="standing-form"')[1]
    saved = sonja.post("/committees/lok-skole/standing-items",
                       data={"start": "Godkendelse af dagsorden\nNyt fra AMR", "end": "Eventuelt"})
    assert saved.status_code == 302
    meeting = planned(people, 7, "Mødelokale 2")
    assert "Nyt fra AMR" in sonja.get(f"/meetings/{meeting}").text
    refused = people("sara").post("/committees/lok-skole/standing-items", data={"start": "Mit punkt"})
    assert refused.status_code == 403
    empty = sonja.post("/committees/lok-skole/standing-items", data={"start": "", "end": ""})
    assert empty.status_code == 400 and "mindst ét fast punkt" in empty.text


def test_attendance_is_recorded_on_the_minutes_page_and_printed(app, people):
    meeting = planned(people, 0, "Mødelokale 2")
    sonja = people("sonja")
    page = sonja.get(f"/meetings/{meeting}/minutes").text
    assert 'data-testid="attendance-form"' in page
    saved = sonja.post(f"/meetings/{meeting}/attendance", data={
        "version": version(page.split('data-testid="attendance-form"')[1]), "att-lene@example.dk": "present",
        "att-tove@example.dk": "present", "att-sara@example.dk": "apologies", "att-amir@example.dk": "",
        "minute_taker": "sonja@example.dk"})
    assert saved.status_code == 302
    minutes = people("sara").get(f"/meetings/{meeting}/minutes").text
    present = minutes.split('data-testid="present">')[1].split("<")[0]
    assert present == "Lene Leder, Tove TR"
    assert minutes.split('data-testid="apologies">')[1].startswith("Sara Medlem")
    assert minutes.split('data-testid="minute-taker">')[1].startswith("Sonja Sekretær")
    pdf = sonja.get(f"/meetings/{meeting}/minutes.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Til stede" in text and "Lene Leder, Tove TR" in text and "Afbud" in text and "Referent" in text
    assert "Udkast" in text
    form = sonja.get(f"/meetings/{meeting}/minutes").text.split('data-testid="attendance-form"')[1]
    bad = sonja.post(f"/meetings/{meeting}/attendance", data={"version": version(form),
                                                              "att-peter@example.dk": "present"})
    assert bad.status_code == 400 and "ikke medlem" in bad.text
