"""The calendar feed read back by a real client library, the calendar page, the newsletter's name,
/information for employees and a meeting's status in words."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from icalendar import Calendar

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


def plan(api, day: date, **times) -> dict:
    body = {"date": day.isoformat(), "start_time": "13:00", "end_time": "15:00", "place": "Aulaen", **times}
    response = api("sonja").post("/committees/lok-skole/meetings", body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def feed_of(app, pages, who: str) -> Calendar:
    """Open the person's calendar page, follow its address and parse the feed with `icalendar`."""
    page = pages(who).get("/calendar").text
    url = re.search(r'value="([^"]+\.ics)"', page).group(1)
    return Calendar.from_ical(app.test_client().get("/" + url.split("://", 1)[1].split("/", 1)[1]).data)


def test_the_calendar_feed_carries_the_danish_time_zone_and_parses_back_with_aware_times(app, api, pages):
    winter = date(in_days(0).year + 1, 1, 14)
    summer = winter.replace(month=7)
    plan(api, winter)
    plan(api, summer)
    calendar = feed_of(app, pages, "sara")
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Copenhagen"
    tz = zone.to_tz()  # the VTIMEZONE itself, not the library's knowledge of the name
    starts = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT"))
    assert [s.tzinfo is not None for s in starts] == [True, True]
    assert [(s.hour, s.utcoffset()) for s in starts] == [(13, timedelta(hours=1)), (13, timedelta(hours=2))]
    assert [s.replace(tzinfo=tz).utcoffset() for s in starts] == [timedelta(hours=1), timedelta(hours=2)]
    assert all("TZID=Europe/Copenhagen" in line for line in
               calendar.to_ical().decode().splitlines() if line.startswith("DTSTART;"))


def test_the_calendar_page_has_a_copy_button_from_a_script_file_and_no_inline_code(app, api, pages):
    page = pages("sara").get("/calendar").text
    assert 'data-copy="calendar-url"' in page and 'src="/static/copy.js"' in page
    assert "Kopiér adressen" in page and 'size="80"' not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # CSP: no inline script
    assert app.test_client().get("/static/copy.js").status_code == 200


def test_the_newsletter_is_called_by_its_configured_name(app, api, pages):
    meeting = plan(api, in_days(0), **BEGUN)
    default = pages("sonja").get(f"/meetings/{meeting['id']}/minutes").text
    assert "Historiens titel (til personalebladet)" in default and "Pippet" not in default
    app.config["NEWSLETTER_NAME"] = "Pippet"
    named = pages("sonja").get(f"/meetings/{meeting['id']}/minutes").text
    assert "Historiens titel (til Pippet)" in named and "historier til Pippet" in named
    assert "Nyhedsbrev (Pippet)" in named
    assert "Historier til Pippet" in pages("anna").get("/news").text


def test_information_says_nothing_came_only_when_nothing_did_and_shows_lines_and_stories(app, api, pages):
    anna = pages("anna")
    assert "Der er endnu ikke modtaget noget oppefra." in anna.get("/information").text
    meeting = plan(api, in_days(0), **BEGUN)
    sonja = api("sonja")
    for line in ({"what": "Fortæl om de nye stole", "channel": "newsletter", "story_title": "Nye stole",
                  "story_text": "LokalMED Skole har besluttet nye stole til personalerummet."},
                 {"what": "Orientér på personalemødet", "channel": "staff_meeting"}):
        current = sonja.get(f"/meetings/{meeting['id']}").get_json()
        added = sonja.post(f"/meetings/{meeting['id']}/lines", {
            "version": current["version"], "audience": "employees", "owner": "tove@example.dk",
            "due_date": in_days(10).isoformat(), **line})
        assert added.status_code == 201, added.get_json()
    for who in ("lene", "tove"):
        current = sonja.get(f"/meetings/{meeting['id']}").get_json()
        approved = api(who).post(f"/meetings/{meeting['id']}/approve", {"version": current["version"]})
        assert approved.status_code == 200
    page = anna.get("/information").text
    assert "Der er endnu ikke modtaget noget oppefra." not in page
    assert "Orientér på personalemødet" in page and "Til: Alle medarbejdere under udvalget" in page
    assert "LokalMED Skole har besluttet nye stole til personalerummet." in page


def test_stories_are_dated_on_the_day_of_the_meeting(app, api, pages):
    from medflow.extensions import db
    from medflow.persistence.models import Meeting

    meeting = plan(api, in_days(0), **BEGUN)
    sonja = api("sonja")
    current = sonja.get(f"/meetings/{meeting['id']}").get_json()
    sonja.post(f"/meetings/{meeting['id']}/lines", {
        "version": current["version"], "what": "Stole", "audience": "employees", "channel": "newsletter",
        "owner": "tove@example.dk", "due_date": in_days(10).isoformat(), "story_title": "Nye stole",
        "story_text": "Tekst"})
    for who in ("lene", "tove"):
        current = sonja.get(f"/meetings/{meeting['id']}").get_json()
        api(who).post(f"/meetings/{meeting['id']}/approve", {"version": current["version"]})
    with app.app_context():  # the minutes were approved days after the meeting
        held = db.session.get(Meeting, meeting["id"])
        held.date = in_days(-5)
        db.session.commit()
    assert f'datetime="{in_days(-5).isoformat()}"' in pages("anna").get("/news").text
    feed = ET.fromstring(app.test_client().get("/news.atom").data)
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}published").startswith(in_days(-5).isoformat())


def test_a_meeting_is_held_only_after_it_has_taken_place(app, api, pages):
    done = plan(api, in_days(0), **BEGUN)
    with app.app_context():  # it took place yesterday (whatever the hour the test runs at)
        from medflow.extensions import db
        from medflow.persistence.models import Meeting

        db.session.get(Meeting, done["id"]).date = in_days(-1)
        db.session.commit()
    coming = plan(api, in_days(7))
    listing = pages("sara").get("/committees/lok-skole/meetings").text
    rows = {m: listing.split(f'href="/meetings/{m}"')[1].split("</tr>")[0] for m in (done["id"], coming["id"])}
    assert "Holdt" in rows[done["id"]] and "Udkast" in rows[done["id"]]
    assert "Planlagt" in rows[coming["id"]] and "Holdt" not in rows[coming["id"]]
    before = pages("sara").get(f"/meetings/{coming['id']}/minutes").text
    assert "Beslutninger og godkendelse kan registreres fra mødets start" in before
