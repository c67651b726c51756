"""On a phone (390 px): the calendar page (with its copy button) and the minutes page (attendance,
approvals, communication lines) fit the width; the copy button copies the address."""

from __future__ import annotations

from playwright.sync_api import expect

from medflow.extensions import db
from medflow.persistence.models import Meeting
from medflow.services.meetings import attendance, communication, minutes, planning
from tests.e2e.conftest import shot
from tests.e2e.test_meetings_in_browser import add_secretary_and_cases
from tests.e2e.test_phone_and_axe import PHONE, _scrolls_sideways
from tests.meeting_helpers import BEGUN, engines, in_days, person


def held_meeting(live_app) -> int:
    """A LokalMED Skole meeting today: attendance, a line with a story, the chair's approval."""
    add_secretary_and_cases(live_app)
    with live_app.app_context():
        sonja = person("sonja")
        meeting = planning.create_meeting(db.session, sonja, "lok-skole", planning.MeetingPlan(
            date=in_days(0), place="Skolens mødelokale, 1. sal (indgang fra gården)", **BEGUN))
        attendance.record_attendance(db.session, sonja, meeting.id, meeting.version,
                                     ["lene@example.dk", "tove@example.dk", "amir@example.dk"],
                                     ["sara@example.dk"], "sonja@example.dk")
        communication.add_line(db.session, sonja, meeting.id, db.session.get(Meeting, meeting.id).version,
                               communication.NewLine(
            what="Fortæl om de nye stole i personalerummet og tidsplanen for udskiftningen",
            audience="employees", channel="newsletter", owner="tove@example.dk",
            due_date=in_days(14).isoformat(), story_title="Nye stole på vej til personalerummet",
            story_text="LokalMED Skole har besluttet at udskifte stolene i personalerummet inden påske."))
        minutes.approve(db.session, engines(live_app), person("lene"), meeting.id,
                        db.session.get(Meeting, meeting.id).version)
        return meeting.id


def test_the_calendar_and_minutes_pages_fit_a_phone_and_the_address_can_be_copied(live_app, as_user):
    meeting_id = held_meeting(live_app)
    sonja = as_user("sonja")
    sonja.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sonja.set_viewport_size(PHONE)
    sonja.goto("/calendar")
    expect(sonja.get_by_role("button", name="Kopiér adressen")).to_be_visible()
    assert _scrolls_sideways(sonja) == []
    sonja.get_by_role("button", name="Kopiér adressen").click()
    expect(sonja.locator(".copy-status")).to_have_text("Kopieret")
    copied = sonja.evaluate("() => navigator.clipboard.readText()")
    assert copied == sonja.get_by_test_id("calendar-url").input_value() and copied.endswith(".ics")
    shot(sonja, "calendar-phone")
    sonja.goto(f"/meetings/{meeting_id}/minutes")
    expect(sonja.get_by_test_id("approvals")).to_contain_text("Lene Leder")
    expect(sonja.get_by_test_id("present")).to_have_text("Amir AMR, Lene Leder, Tove TR")
    expect(sonja.get_by_test_id("communication-lines")).to_contain_text("Nye stole på vej til personalerummet")
    assert _scrolls_sideways(sonja) == []
    shot(sonja, "minutes-phone")
