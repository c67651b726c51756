"""The case page tells people what happened, where the case is, and what they can do next."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from medflow.extensions import db
from medflow.persistence.models import Notification, Person
from tests.web.conftest import event_buttons


def _section(html: str, marker: str) -> str:
    return html.split(marker, 1)[1].split("</section>")[0]


def _work_environment_case(api) -> dict:
    case = api("anna").submit("work_environment", title="Faldt i køkkenet", category="physical",
                              location="Køkkenet", what_happened="Gled på vådt gulv.")
    return api("lene").fire(case, "accept")


def test_each_action_opens_its_own_form_and_only_one_at_a_time(pages, api):
    case = _work_environment_case(api)
    html = pages("lene").get(f"/cases/{case['id']}").text
    choices = re.findall(r'<details class="action-choice" name="case-action" id="choose-([a-z_]+)">', html)
    assert {"assess", "forward", "reject", "schedule"} <= set(choices)
    assert " open>" not in html.split('class="action-list"')[1]  # none is open until chosen


def test_an_action_that_needs_another_first_is_shown_disabled_with_the_reason(pages, api):
    case = _work_environment_case(api)
    html = pages("lene").get(f"/cases/{case['id']}").text
    waiting = html.split('id="waiting-resolve"')[1].split("</div>")[0]
    assert "disabled" in waiting and "Afslut med svar" in waiting
    assert "Muligt, når sagen er: “Vurderet”, “Handlingsplan”, “Opfølgning”." in waiting
    assert "resolve" not in event_buttons(html)


def test_forwarding_at_the_top_committee_is_shown_disabled_with_why(pages, api):
    case = api("anna").submit()
    for who in ("lene", "ole"):
        case = api(who).fire(api(who).fire(case, "accept"), "forward", comment="Videre")
    case = api("kim").fire(case, "accept")
    html = pages("kim").get(f"/cases/{case['id']}").text
    assert "allerede i det øverste udvalg" in html.split('id="waiting-forward"')[1].split("</div>")[0]


def test_an_outcome_is_not_preselected_and_must_be_chosen(pages, api):
    case = api("lene").fire(api("anna").submit(), "accept")
    lene = pages("lene")
    select_html = lene.get(f"/cases/{case['id']}").text.split('id="resolve-outcome"')[1].split("</select>")[0]
    assert 'value="" selected' in select_html.replace(" selected>", " selected>")
    assert select_html.count("selected") == 1
    response = lene.post(f"/cases/{case['id']}/events", data={
        "event": "resolve", "version": case["version"], "answer": "Stolene kommer i marts.", "outcome": ""})
    assert response.status_code == 400
    assert "Vælg et udfald" in response.text and 'id="resolve-outcome-error"' in response.text
    assert "Stolene kommer i marts." in response.text  # the answer typed is kept
    assert api("anna").get(f"/cases/{case['id']}").get_json()["state"] == "accepted"


def test_a_conflict_keeps_the_typed_text_in_a_form_that_is_still_possible(pages, api):
    case = api("lene").fire(api("anna").submit(), "accept")
    api("tove").fire(case, "schedule", meeting_date="2027-01-14")
    response = pages("lene").post(f"/cases/{case['id']}/events", data={
        "event": "forward", "version": case["version"], "comment": "Det hører til i området"})
    assert response.status_code == 409
    changed = _section(response.text, 'id="changed"')
    assert "Sat på dagsordenen" in changed and "af Tove TR" in changed
    form = response.text.split('id="action-forward"')[1].split("</form>")[0]
    assert "Det hører til i området</textarea>" in form
    assert '<details class="action-choice" name="case-action" id="choose-forward" open>' in response.text


def test_the_history_says_what_was_done_in_the_past_tense_and_where_to(pages, api):
    case = api("anna").submit()
    case = api("lene").fire(api("lene").fire(case, "accept"), "forward", comment="Videre")
    timeline = pages("anna").get(f"/cases/{case['id']}").text.split('class="timeline"')[1]
    assert re.search(r"<strong>Sendt videre</strong> til OmrådeMED Børn og Unge\s+af Lene Leder", timeline)
    assert re.search(r"<strong>Taget under behandling</strong>\s+af Lene Leder", timeline)
    assert "Send videre op" not in timeline


def test_a_rejected_case_tells_the_submitter_where_to_go_in_its_own_box(pages, api):
    case = api("anna").submit()
    api("lene").fire(case, "reject", comment="Ikke en MED-sag",
                     redirect="Kontakt din tillidsrepræsentant om løn.")
    html = pages("anna").get(f"/cases/{case['id']}").text
    box = html.split('id="redirect"')[1].split("</div>")[0]
    assert "Henvend dig i stedet til" in box and "Kontakt din tillidsrepræsentant om løn." in box


def test_opening_a_case_marks_its_notifications_read_and_no_others(app, pages, api):
    first, second = api("anna").submit(), api("anna").submit(title="Et andet spørgsmål")
    api("lene").fire(first, "accept")
    api("lene").fire(second, "accept")

    def unread(case_id):
        anna = select(Person.id).where(Person.email == "anna@example.dk").scalar_subquery()
        return db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.case_id == case_id, Notification.read_at.is_(None), Notification.person_id == anna))

    with app.app_context():
        assert (unread(first["id"]), unread(second["id"])) == (1, 1)
    pages("anna").get(f"/cases/{first['id']}")
    with app.app_context():
        assert (unread(first["id"]), unread(second["id"])) == (0, 1)
