"""The minutes form as a secretary uses it: the case page's decisions only, and nothing typed is lost."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.integration.test_minutes_by_level import ORG
from tests.meeting_helpers import BEGUN, in_days

NOISE = {"workflow": "work_environment", "title": "Støj i kantinen", "category": "physical",
         "location": "Kantinen", "what_happened": "Larmen er over grænsen hver dag."}


@pytest.fixture
def people(app, pages):
    """Return page clients for the organisation with a KommuneMED secretary (Karl)."""
    from medflow.extensions import db

    with app.app_context():
        factories.load_org(db.session, ORG)
    return pages


def on_kommunemed_agenda(people, api) -> tuple[dict, int]:
    """Send Anna's noise case up to KommuneMED at once, take it up and put it on Karl's meeting."""
    case = api("anna").submit(**NOISE)
    case = api("lene").fire(case, "forward", comment="Kræver en beslutning for hele kommunen.")
    case = api("ole").fire(case, "forward", comment="Samme problem i flere kantiner.")
    case = api("kim").fire(case, "accept")
    planned = people("karl").post("/committees/kommunemed/meetings", data={
        "date": in_days(0).isoformat(), **BEGUN, "place": "Rådhuset"})  # begun: it can decide
    meeting_id = int(planned.headers["Location"].rsplit("/", 1)[1])
    added = people("karl").post(f"/meetings/{meeting_id}/items",
                                data={"case": case["id"], "case_version": case["version"]})
    assert added.status_code == 302
    return case, meeting_id


def item_form(html: str) -> dict[str, str]:
    """Return the case item's minutes form: its item id and hidden versions (standing items come first)."""
    html = html.split('class="minutes-item minutes-case"')[1]
    item, version = re.search(r'action="/meeting-items/(\d+)/minutes".*?name="version" value="(\d+)"',
                              html, re.S).groups()
    case_version = re.search(r'name="case_version" value="(\d+)"', html).group(1)
    return {"item": item, "version": version, "case_version": case_version}


def test_kommunemed_is_offered_the_answer_and_the_fields_it_takes(people, api):
    case, meeting_id = on_kommunemed_agenda(people, api)
    html = people("karl").get(f"/meetings/{meeting_id}/minutes").text
    decisions = html.split('name="decision"')[1].split("</select>")[0]
    assert "Afslut med svar" in decisions and "Henvis nedad" in decisions
    assert "Vurder risiko" not in decisions and "Sæt på dagsordenen" not in decisions
    assert 'name="answer"' in html and "Bruges ved: Afslut med svar" in html
    saved = people("karl").post(f"/meeting-items/{item_form(html)['item']}/minutes", data={
        **item_form(html), "minutes": "Fælles støjgrænse vedtaget.", "decision": "resolve",
        "answer": "Alle kantiner får lydabsorbenter.", "outcome": "guideline"})
    assert saved.status_code == 302
    assert api("anna").get(f"/cases/{case['id']}").get_json()["answer"] == "Alle kantiner får lydabsorbenter."


def test_no_answer_field_beside_a_list_without_an_answer(people, api):
    case = api("lene").fire(api("anna").submit(**NOISE), "accept")
    meeting = people("sonja").post("/committees/lok-skole/meetings", data={
        "date": in_days(7).isoformat(), "start_time": "14:00", "end_time": "16:00", "place": "Mødelokale 2"})
    meeting_id = int(meeting.headers["Location"].rsplit("/", 1)[1])
    people("sonja").post(f"/meetings/{meeting_id}/items",
                         data={"case": case["id"], "case_version": case["version"]})
    html = people("sonja").get(f"/meetings/{meeting_id}/minutes").text
    assert "Afslut med svar" not in html.split('name="decision"')[1].split("</select>")[0]
    assert 'name="answer"' not in html and 'name="outcome"' not in html


def test_an_answer_without_a_decision_is_shown_again_with_the_reason(people, api):
    case, meeting_id = on_kommunemed_agenda(people, api)
    form = item_form(people("karl").get(f"/meetings/{meeting_id}/minutes").text)
    refused = people("karl").post(f"/meeting-items/{form['item']}/minutes", data={
        **form, "minutes": "Drøftet grundigt.", "decision": "", "answer": "Der kommer lydabsorbenter."})
    assert refused.status_code == 400
    assert "Du har udfyldt “Svar”, men ikke valgt en beslutning" in refused.text
    assert ">Drøftet grundigt.</textarea>" in refused.text
    assert ">Der kommer lydabsorbenter.</textarea>" in refused.text
    assert api("anna").get(f"/cases/{case['id']}").get_json()["state"] == "accepted"


def test_a_case_that_moved_is_shown_again_with_where_it_is_now_in_words(people, api):
    case, meeting_id = on_kommunemed_agenda(people, api)
    form = item_form(people("karl").get(f"/meetings/{meeting_id}/minutes").text)
    now = api("kim").get(f"/cases/{case['id']}").get_json()
    api("kim").fire(now, "refer", comment="Vurderes lokalt.", target="lok-skole")
    refused = people("karl").post(f"/meeting-items/{form['item']}/minutes", data={
        **form, "minutes": "Svar vedtaget.", "decision": "resolve", "answer": "Ja, der kommer lydabsorbenter.",
        "outcome": "decision"})
    assert refused.status_code == 409
    assert "Sagen er nu Modtaget hos LokalMED Skole" in refused.text and "reported" not in refused.text
    assert ">Svar vedtaget.</textarea>" in refused.text
    assert ">Ja, der kommer lydabsorbenter.</" in refused.text  # kept, though no decision takes it now
