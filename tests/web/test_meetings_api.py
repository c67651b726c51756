"""Meetings over HTTP: the JSON API from plan to approval, the feeds parsed back, the PDFs read back."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from tests import factories
from tests.meeting_helpers import BEGUN, MEETING_ORG, in_days

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def api(app):
    """Return API clients for the organisation with a secretary (Sonja) in LokalMED Skole."""
    from medflow.extensions import db

    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
    return factories.ApiClients(app)


def plan(api, days: int = 0, expect: int = 201, **fields) -> dict:
    """Plan a meeting `days` from today; today's began at midnight, so it can decide and approve."""
    times = BEGUN if days == 0 else {"start_time": "14:00", "end_time": "16:00"}
    body = {"date": in_days(days).isoformat(), **times, "place": "Mødelokale 2", **fields}
    response = api("sonja").post("/committees/lok-skole/meetings", body)
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def accepted(api, title: str) -> dict:
    case = api("anna").submit(title=title)
    return api("lene").fire(case, "accept")


def put_on(api, meeting: dict, case: dict) -> dict:
    body = {"case": case["id"], "version": case["version"]}
    response = api("sonja").post(f"/meetings/{meeting['id']}/items", body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def approve_both(api, meeting_id: int) -> dict:
    """Have the chair and then the vice chair approve the minutes; return the meeting."""
    for who in ("lene", "tove"):
        current = api("sonja").get(f"/meetings/{meeting_id}").get_json()
        response = api(who).post(f"/meetings/{meeting_id}/approve", {"version": current["version"]})
        assert response.status_code == 200, response.get_json()
    return response.get_json()


def record(api, item: dict, expect: int = 200, who: str = "sonja", **body) -> dict:
    response = api(who).post(f"/meeting-items/{item['id']}/minutes", {"version": item["version"], **body})
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def test_a_meeting_through_the_api_decides_two_cases_and_publishes_a_story(app, api):
    meeting = plan(api)
    stole, stoj = accepted(api, "Nye stole"), accepted(api, "Støj i kantinen")
    put_on(api, meeting, stole)
    meeting = put_on(api, meeting, stoj)
    free = api("sonja").post(f"/meetings/{meeting['id']}/items",
                             {"version": meeting["version"], "title": "Trivselsmåling", "text": "Resultater"})
    assert free.status_code == 201
    meeting = api("sonja").get(f"/meetings/{meeting['id']}").get_json()
    ids = [i["id"] for i in meeting["items"] if i["kind"] != "communication"]
    order = [ids[5], *ids[:5], ids[6]]  # the free item first, before the standing items
    reordered = api("sonja").post(f"/meetings/{meeting['id']}/order",
                                  {"version": meeting["version"], "order": order}).get_json()
    assert [i["kind"] for i in reordered["items"]] == [
        "free", "standing", "standing", "standing", "case", "case", "closing", "communication"]
    published = api("sonja").post(f"/meetings/{meeting['id']}/publish", {"version": reordered["version"]})
    assert published.status_code == 200 and published.get_json()["agenda_published_at"]
    items = {i["case"]["id"]: i for i in reordered["items"] if i["case"]}
    record(api, items[stole["id"]], minutes="Stole bestilles.", decision="resolve", answer="Nye stole i marts.")
    record(api, items[stoj["id"]], minutes="Området skal se på akustikken.", decision="forward")
    assert api("anna").get(f"/cases/{stole['id']}").get_json()["state"] == "resolved"
    assert api("anna").get(f"/cases/{stoj['id']}").get_json()["holder"] == "omr-born"
    meeting = api("sonja").get(f"/meetings/{meeting['id']}").get_json()
    line = api("sonja").post(f"/meetings/{meeting['id']}/lines", {
        "version": meeting["version"], "what": "Fortæl om de nye stole", "audience": "employees",
        "channel": "newsletter", "owner": "tove@example.dk", "due_date": in_days(10).isoformat(),
        "story_title": "Nye stole på skolen", "story_text": "LokalMED Skole har besluttet nye stole."})
    assert line.status_code == 201, line.get_json()
    meeting = api("sonja").get(f"/meetings/{meeting['id']}").get_json()
    approved = approve_both(api, meeting["id"])
    assert approved["approved_by"] == "lene@example.dk" and len(approved["approvals"]) == 2
    feed = ET.fromstring(app.test_client().get("/news.atom").data)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Nye stole på skolen"]
    assert entries[0].findtext(f"{ATOM}summary") == "LokalMED Skole har besluttet nye stole."
    assert "Nye stole på skolen" in app.test_client().get("/news").get_data(as_text=True)


def test_the_calendar_feed_parses_back_and_follows_a_moved_and_a_cancelled_meeting(app, api, pages):
    moving, cancelled = plan(api, 7), plan(api, 14)
    page = pages("sara").get("/calendar").get_data(as_text=True)
    url = page.split('data-testid="calendar-url"')[0].rsplit('value="', 1)[1].split('"', 1)[0]
    path = url.split("://", 1)[1].split("/", 1)[1]
    moved = api("sonja").post(f"/meetings/{moving['id']}/move", {
        "version": moving["version"], "date": in_days(8).isoformat(), "start_time": "10:00",
        "end_time": "12:00", "place": "Aulaen"})
    assert moved.status_code == 200
    cancel = api("sonja").post(f"/meetings/{cancelled['id']}/cancel", {"version": cancelled["version"]})
    assert cancel.status_code == 200
    calendar = Calendar.from_ical(app.test_client().get("/" + path).data)
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    first = events[f"meeting-{moving['id']}"]
    assert first.decoded("dtstart").date() == in_days(8) and first.decoded("dtstart").hour == 10
    assert str(first["location"]) == "Aulaen" and int(first["sequence"]) == 2
    assert str(events[f"meeting-{cancelled['id']}"]["status"]) == "CANCELLED"
    assert app.test_client().get("/calendar/not-a-token.ics").status_code == 404


def test_agenda_and_minutes_pdfs_carry_the_items(app, api, pages):
    meeting = plan(api)
    case = accepted(api, "Nye stole i personalerummet")
    put_on(api, meeting, case)
    browser = pages("sonja")
    for path, heading in ((f"/meetings/{meeting['id']}/agenda.pdf", "Dagsorden"),
                          (f"/meetings/{meeting['id']}/minutes.pdf", "Referat")):
        response = browser.get(path)
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
        assert heading in text and "Nye stole i personalerummet" in text and "Kommunikation" in text


def test_refusals_each_get_a_clear_status_and_message(app, api):
    past = plan(api, -1, expect=400)
    assert "date" in past["error"]
    backwards = plan(api, 3, expect=400, start_time="15:00", end_time="14:00")
    assert "end_time" in backwards["error"]
    forbidden = api("sara").post("/committees/lok-skole/meetings", {"date": in_days(3).isoformat()})
    assert forbidden.status_code == 403
    meeting = plan(api)
    other = api("dora").post("/committees/lok-dagtilbud/meetings", {"date": in_days(4).isoformat()}).get_json()
    case = accepted(api, "Nye stole")
    wrong = api("sonja").post(f"/meetings/{other['id']}/items",
                              {"case": case["id"], "version": case["version"]})
    assert wrong.status_code == 400 and "LokalMED Skole" in wrong.get_json()["error"]
    meeting = put_on(api, meeting, case)
    deleted = api("sonja").client.delete(f"/api/v1/meetings/{meeting['id']}?version={meeting['version']}",
                                         headers=api("sonja").headers)
    assert deleted.status_code == 409 and "cannot be deleted" in deleted.get_json()["error"]
    item = next(i for i in meeting["items"] if i["kind"] == "case")
    record(api, item, 409, minutes="Afvist", decision="reject", comment="Nej", redirect="HR")
    record(api, item, minutes="Første udkast")
    stale = record(api, item, 409, who="tove", minutes="Andet udkast")  # Tove read version 1 too
    assert "first" in stale["error"]
    current = api("sonja").get(f"/meetings/{meeting['id']}").get_json()
    moved_case = api("lene").get(f"/cases/{case['id']}").get_json()
    api("lene").fire(moved_case, "forward", comment="Hører til området.")
    on_it = next(i for i in current["items"] if i["kind"] == "case")
    moved = record(api, on_it, 409, minutes="Besvaret", decision="resolve", answer="Ja")
    assert "it is now New at OmrådeMED Børn og Unge" in moved["error"]  # the state by its name, not its key
    approved = approve_both(api, meeting["id"])
    late = api("sonja").post(f"/meetings/{meeting['id']}/items", {"version": approved["version"],
                                                                  "title": "For sent"})
    assert late.status_code == 409 and "approved" in late.get_json()["error"]


def test_free_items_can_be_removed_but_the_communication_item_stays_last(app, api):
    meeting = plan(api)
    sonja = api("sonja")
    free = sonja.post(f"/meetings/{meeting['id']}/items", {"version": meeting["version"], "title": "Eventuelt"})
    meeting = sonja.get(f"/meetings/{meeting['id']}").get_json()
    communication = meeting["items"][-1]
    assert communication["kind"] == "communication" and meeting["items"][-3]["id"] == free.get_json()["id"]
    kept = sonja.client.delete(f"/api/v1/meeting-items/{communication['id']}?version={meeting['version']}",
                               headers=sonja.headers)
    assert kept.status_code == 409 and "communication item always stays" in kept.get_json()["error"]
    wrong_order = sonja.post(f"/meetings/{meeting['id']}/order",
                             {"version": meeting["version"],
                              "order": [communication["id"], free.get_json()["id"]]})
    assert wrong_order.status_code == 400 and "order" in wrong_order.get_json()["error"]
    removed = sonja.client.delete(f"/api/v1/meeting-items/{free.get_json()['id']}?version={meeting['version']}",
                                  headers=sonja.headers)
    assert removed.status_code == 204
    kinds = [i["kind"] for i in sonja.get(f"/meetings/{meeting['id']}").get_json()["items"]]
    assert kinds == ["standing"] * 3 + ["closing", "communication"]


def test_employees_read_the_public_part_of_approved_minutes(app, api):
    meeting = plan(api)
    sonja = api("sonja")
    for title, internal in (("Trivselsmåling", False), ("Lønforhandling", True)):
        current = sonja.get(f"/meetings/{meeting['id']}").get_json()
        sonja.post(f"/meetings/{meeting['id']}/items", {"version": current["version"], "title": title,
                                                        "internal": internal})
    current = sonja.get(f"/meetings/{meeting['id']}").get_json()
    for item in [i for i in current["items"] if i["kind"] == "free"]:
        record(api, item, minutes=f"Referat af {item['title']}", internal=item["internal"])
    assert api("anna").get("/information/minutes").get_json() == {"minutes": []}
    approve_both(api, meeting["id"])
    [minutes] = api("anna").get("/information/minutes").get_json()["minutes"]
    assert minutes["items"] == [{"title": "Trivselsmåling", "minutes": "Referat af Trivselsmåling"}]
    assert api("peter").get("/information/minutes").get_json() == {"minutes": []}  # another area


def test_schedule_takes_a_meeting_id_and_old_clients_meeting_date_still_works(app, api):
    meeting = plan(api)
    lene = api("lene")
    on_meeting = lene.fire(accepted(api, "Nye stole"), "schedule", meeting=meeting["id"])
    assert on_meeting["meeting_date"] == meeting["date"]
    assert on_meeting["history"][-1]["data"]["meeting"] == str(meeting["id"])
    old_client = lene.fire(accepted(api, "Støj i kantinen"), "schedule", meeting_date=in_days(30).isoformat())
    meetings = api("sonja").get("/committees/lok-skole/meetings").get_json()["meetings"]
    assert [m["date"] for m in meetings] == [in_days(30).isoformat(), meeting["date"]]
    created = api("sonja").get(f"/meetings/{meetings[0]['id']}").get_json()
    assert [(i["kind"], (i["case"] or {}).get("id")) for i in created["items"] if i["kind"] != "standing"] == [
        ("case", old_client["id"]), ("closing", None), ("communication", None)]
    mismatch = lene.fire(accepted(api, "Lys"), "schedule", 400, meeting=meeting["id"],
                         meeting_date=in_days(30).isoformat())
    assert "meeting_date" in mismatch["error"]
