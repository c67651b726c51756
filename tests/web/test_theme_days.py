"""Theme days: invited across committees by committee and role, signed up for, counted by workplace."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from medflow.extensions import db
from medflow.persistence.models import CycleItem, Meeting, MeetingItem, Membership, Notification
from medflow.services.meetings.feeds import calendar_ics
from tests.meeting_helpers import in_days, person


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.fixture
def theme_day(app, pages) -> int:
    """KommuneMED's chair plans StoreMEDdag: every AMR (work-environment day), every leader, OmrådeMED Børn."""
    response = pages("kim").post("/committees/kommunemed/theme-days", data={
        "title": "StoreMEDdag 2027", "date": in_days(30).isoformat(), "start_time": "09:00",
        "end_time": "15:00", "place": "Glostrup Hallen", "committees": ["omr-born"],
        "amr": "1", "amr_label": "Arbejdsmiljødag", "leaders": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        return db.session.scalar(select(Meeting.id).where(Meeting.title == "StoreMEDdag 2027"))


def test_memberships_know_their_side_from_the_role(app, org):
    with app.app_context():
        sides = {(m.person.email.split("@")[0], m.role): m.side for m in db.session.scalars(select(Membership))}
    assert sides[("lene", "chair")] == "management" and sides[("kim", "chair")] == "management"
    assert sides[("tove", "tr")] == "employee" and sides[("amir", "amr")] == "employee"


def test_the_invitees_are_chosen_by_committee_and_by_role_and_told(app, theme_day):
    with app.app_context():
        told = {n.person_id for n in db.session.scalars(select(Notification).where(
            Notification.meeting_id == theme_day, Notification.kind == "theme_day_invited"))}
        names = {p: person(p).id for p in ("amir", "lene", "ole", "dora", "pia", "anna", "sara", "tove", "kim")}
    assert {names[p] for p in ("amir", "lene", "ole", "dora", "pia")} == told  # AMR, leaders, OmrådeMED Børn
    # kim, a leader, is invited too but not told: he planned it
    assert not told & {names[p] for p in ("anna", "sara", "tove", "kim")}  # not invited; kim planned it


def test_an_invitee_signs_up_and_the_publisher_sees_who_comes_from_where(app, pages, theme_day):
    amir = pages("amir")
    page = amir.get(f"/meetings/{theme_day}")
    assert page.status_code == 200
    assert "Arbejdsmiljødag" in _text(page) and 'data-testid="theme-day-signup"' in page.get_data(as_text=True)
    assert amir.post(f"/meetings/{theme_day}/signup", data={"coming": "yes"}).status_code == 302
    assert pages("lene").post(f"/meetings/{theme_day}/signup", data={"coming": "no"}).status_code == 302
    assert pages("dora").post(f"/meetings/{theme_day}/signup", data={"coming": "yes"}).status_code == 302
    assert "Du er tilmeldt." in _text(amir.get(f"/meetings/{theme_day}"))
    turnout = _text(pages("kim").get(f"/meetings/{theme_day}"))
    assert "LokalMED Skole 1 1" in turnout and "LokalMED Dagtilbud 1 0" in turnout
    assert "2 kommer af 6 inviterede; 3 har ikke svaret." in turnout
    assert 'data-testid="theme-day-turnout"' not in amir.get(f"/meetings/{theme_day}").get_data(as_text=True)


def test_a_second_answer_replaces_the_first(app, pages, theme_day):
    amir = pages("amir")
    amir.post(f"/meetings/{theme_day}/signup", data={"coming": "yes"})
    amir.post(f"/meetings/{theme_day}/signup", data={"coming": "no"})
    assert "Du har meldt fra." in _text(amir.get(f"/meetings/{theme_day}"))
    assert "0 kommer af 6 inviterede" in _text(pages("kim").get(f"/meetings/{theme_day}"))


def test_who_is_not_invited_neither_sees_nor_signs_up(pages, theme_day):
    sara = pages("sara")
    assert sara.get(f"/meetings/{theme_day}").status_code == 404
    assert sara.post(f"/meetings/{theme_day}/signup", data={"coming": "yes"}).status_code == 404
    assert pages("amir").post(f"/meetings/{theme_day}/signup", data={"coming": "maybe"}).status_code == 400


def test_the_theme_day_is_in_the_invitees_calendar_and_meeting_list(app, pages, theme_day):
    with app.app_context():
        assert b"StoreMEDdag 2027" in calendar_ics(db.session, person("amir"), "http://medflow.test")
        assert b"StoreMEDdag 2027" not in calendar_ics(db.session, person("sara"), "http://medflow.test")
    assert "StoreMEDdag 2027" in _text(pages("ole").get("/meetings"))


def test_planning_needs_an_officer_a_name_and_a_group(pages, org):
    body = {"title": "Temadag", "date": in_days(10).isoformat(), "tr": "1"}
    assert pages("sara").post("/committees/lok-skole/theme-days", data=body).status_code == 403
    kim = pages("kim")
    assert kim.post("/committees/kommunemed/theme-days", data={**body, "title": ""}).status_code == 400
    assert kim.post("/committees/kommunemed/theme-days", data={**body, "tr": ""}).status_code == 400
    assert kim.post("/committees/kommunemed/theme-days",
                    data={**body, "committees": ["nowhere"]}).status_code == 400
    assert kim.get("/committees/kommunemed/theme-days/new").status_code == 200
    assert 'href="/committees/kommunemed/theme-days/new"' in kim.get(
        "/committees/kommunemed/meetings").get_data(as_text=True)


def test_a_theme_day_leaves_the_cycles_items_for_a_meeting_of_the_committee_and_invitees_get_no_dead_link(
        app, pages):
    kim = pages("kim")
    response = kim.post("/committees/kommunemed/cycle", data={"title": "Sygefravær", "kind": "quarterly"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CycleItem)) == 1
    day = pages("kim").post("/committees/kommunemed/theme-days", data={
        "title": "StoreMEDdag 2027", "date": in_days(30).isoformat(), "start_time": "09:00",
        "end_time": "15:00", "committees": ["omr-born"]})
    assert day.status_code == 302
    meeting = kim.post("/committees/kommunemed/meetings", data={"date": in_days(31).isoformat()})
    assert meeting.status_code == 302, meeting.get_data(as_text=True)
    with app.app_context():
        on = dict(db.session.execute(select(Meeting.kind, func.count(MeetingItem.cycle_item_id))
                                     .join(MeetingItem).group_by(Meeting.kind)).all())
        theme_id = db.session.scalar(select(Meeting.id).where(Meeting.title == "StoreMEDdag 2027"))
    assert on == {"theme_day": 0, "committee": 1}
    agenda = pages("ole").get(f"/meetings/{theme_id}")  # OmrådeMED Børn's chair, invited, not in KommuneMED
    assert agenda.status_code == 200 and "/committees/kommunemed/cycle" not in agenda.get_data(as_text=True)
