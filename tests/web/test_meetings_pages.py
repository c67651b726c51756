"""Meeting pages as people use them: plan, agenda, minutes form, approval, information, front page."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.meeting_helpers import BEGUN, MEETING_ORG, in_days


@pytest.fixture
def people(app, pages):
    """Return page clients for the organisation with a secretary (Sonja) in LokalMED Skole."""
    from medflow.extensions import db

    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
    return pages


def planned(people, days: int = 0) -> int:
    """Plan a meeting `days` from today on the page; today's began at midnight (it can decide and approve)."""
    times = BEGUN if days == 0 else {"start_time": "14:00", "end_time": "16:00"}
    response = people("sonja").post("/committees/lok-skole/meetings", data={
        "date": in_days(days).isoformat(), **times, "place": "Mødelokale 2"})
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def version(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def test_secretary_plans_a_meeting_and_puts_a_case_on_its_agenda(app, people, api):
    case = api("lene").fire(api("anna").submit(title="Nye stole", topic=None), "accept")
    meeting_id = planned(people)
    sonja = people("sonja")
    assert "Mødelokale 2" in sonja.get("/committees/lok-skole/meetings").text
    added = sonja.post(f"/meetings/{meeting_id}/items",
                       data={"case": case["id"], "case_version": case["version"]})
    assert added.status_code == 302
    agenda = sonja.get(f"/meetings/{meeting_id}").text
    assert f'href="/cases/{case["id"]}"' in agenda and "Stolene i personalerummet er slidte." in agenda
    assert "LokalMED Skole" in agenda and "Kommunikation: hvem informerer hvem" in agenda
    assert api("anna").get(f"/cases/{case['id']}").get_json()["state"] == "scheduled"
    assert "Kommende møder" in people("sara").get("/cases").text
    assert people("anna").get(f"/meetings/{meeting_id}").status_code == 404
    assert "<form" not in people("sara").get(f"/meetings/{meeting_id}").text.split('data-testid="agenda"')[1]
    assert "Agenda" in people("sonja", lang="en").get(f"/meetings/{meeting_id}").text


def test_minutes_form_decides_the_case_and_approval_publishes_the_information(app, people, api):
    case = api("lene").fire(api("anna").submit(title="Nye stole"), "accept")
    meeting_id = planned(people)
    sonja = people("sonja")
    sonja.post(f"/meetings/{meeting_id}/items", data={"case": case["id"], "case_version": case["version"]})
    page = sonja.get(f"/meetings/{meeting_id}").text
    sonja.post(f"/meetings/{meeting_id}/items", data={"version": version(page), "title": "Budget 2027",
                                                       "text": "Kun for udvalget", "internal": "1"})
    form = sonja.get(f"/meetings/{meeting_id}/minutes").text
    case_form = form.split('class="minutes-item minutes-case"')[1]
    item_id, item_version = re.search(r'action="/meeting-items/(\d+)/minutes".*?name="version" value="(\d+)"',
                                      case_form, re.S).groups()
    saved = sonja.post(f"/meeting-items/{item_id}/minutes", data={
        "version": item_version, "minutes": "Udvalget bestiller nye stole.", "decision": "resolve",
        "answer": "Nye stole kommer i marts.", "outcome": "decision"})
    assert saved.status_code == 302
    assert api("anna").get(f"/cases/{case['id']}").get_json()["answer"] == "Nye stole kommer i marts."
    lene = people("lene")
    minutes = lene.get(f"/meetings/{meeting_id}/minutes").text
    approve_form = minutes.split(f'action="/meetings/{meeting_id}/approve"')[1]
    approved = lene.post(f"/meetings/{meeting_id}/approve", data={"version": version(approve_form)})
    assert approved.status_code == 302
    draft = people("sara").get(f"/meetings/{meeting_id}/minutes").text
    assert "Udkast" in draft and "Godkendt af formanden (ledelsen): Lene Leder" in draft
    assert "Kun for udvalget" not in people("anna").get("/information").text
    tove = people("tove")
    page = tove.get(f"/meetings/{meeting_id}/minutes").text
    approve_form = page.split(f'action="/meetings/{meeting_id}/approve"')[1]
    approved = tove.post(f"/meetings/{meeting_id}/approve", data={"version": version(approve_form)})
    assert approved.status_code == 302
    after = lene.get(f"/meetings/{meeting_id}/minutes").text
    assert "Referat: Godkendt" in after and "<textarea id=\"min-" not in after
    assert "Godkendt af næstformanden (medarbejderne): Tove TR" in after
    information = people("anna").get("/information").text
    assert "Udvalget bestiller nye stole." in information and "Kun for udvalget" not in information
    refused = people("sonja").post(f"/meeting-items/{item_id}/minutes", data={"version": "2", "minutes": "Ny"})
    assert refused.status_code == 409 and "tillæg" in refused.text


def test_publishing_the_agenda_notifies_the_members_on_their_notifications_page(app, people, api):
    meeting_id = planned(people)
    sonja = people("sonja")
    current = version(sonja.get(f"/meetings/{meeting_id}").text)
    sonja.post(f"/meetings/{meeting_id}/publish", data={"version": current})
    page = people("sara").get("/notifications").text
    assert "Dagsordenen for LokalMED Skole" in page and f'href="/meetings/{meeting_id}"' in page
    listed = api("sara").get("/notifications").get_json()["notifications"]
    assert [(n["kind"], n["meeting_id"], n["case_id"]) for n in listed] == [
        ("agenda_published", meeting_id, None)]


def test_a_free_item_is_removed_from_the_agenda_page(app, people):
    meeting_id = planned(people)
    sonja = people("sonja")
    current = version(sonja.get(f"/meetings/{meeting_id}").text)
    sonja.post(f"/meetings/{meeting_id}/items", data={"version": current, "title": "Trivselsmåling"})
    page = sonja.get(f"/meetings/{meeting_id}").text
    item_id = re.search(r'class="agenda-item agenda-free" data-item="(\d+)"', page).group(1)
    removed = sonja.post(f"/meeting-items/{item_id}/delete",
                         data={"version": version(page), "meeting": meeting_id})
    assert removed.status_code == 302
    assert "Trivselsmåling" not in sonja.get(f"/meetings/{meeting_id}").text
