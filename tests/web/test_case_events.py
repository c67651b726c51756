"""Every action on a case is a form posted to /cases/ID/events; refusals change nothing."""

from __future__ import annotations

import pytest

from tests.web.conftest import event_buttons


@pytest.fixture
def act(pages, api):
    """Return act(who, case, event, **fields): post the event's form as `who` with the case's version."""

    def post(who: str, case: dict, event: str, **fields):
        version = api("admin").get(f"/cases/{case['id']}").get_json()["version"]
        return pages(who).post(f"/cases/{case['id']}/events",
                               data={"event": event, "version": version, **fields})

    return post


def seen(api, case: dict) -> dict:
    """Return the case as the API shows it to the administrator."""
    return api("admin").get(f"/cases/{case['id']}").get_json()


def test_accept_lands_on_the_case_page_with_a_receipt(act, api, pages):
    case = api("anna").submit()
    response = act("lene", case, "accept")
    assert response.status_code == 302 and response.location == f"/cases/{case['id']}"
    page = pages("lene").get(response.location)  # a fresh client: the receipt is in the session
    assert seen(api, case)["state"] == "accepted"
    assert "Under behandling" in page.text


def test_receipt_says_what_was_done_and_where_the_case_is_now(pages, api):
    case = api("anna").submit()
    lene = pages("lene")
    response = lene.post(f"/cases/{case['id']}/events", data={"event": "accept", "version": case["version"]})
    assert "Taget under behandling. Sagen er nu “Under behandling” hos LokalMED Skole." in (
        lene.get(response.location).text)
    response = lene.post(f"/cases/{case['id']}/events",
                         data={"event": "forward", "version": case["version"] + 1, "comment": "Til området"})
    assert "Sagen er sendt videre til OmrådeMED Børn og Unge." in lene.get(response.location).text


def test_schedule_puts_the_case_on_the_agenda_with_a_danish_date(act, api, pages):
    case = api("anna").submit()
    act("lene", case, "accept")
    assert act("lene", case, "schedule", meeting_date="2027-03-12").status_code == 302
    page = pages("lene").get(f"/cases/{case['id']}").text
    assert "Mødedato" in page and "12. mar. 2027" in page
    assert seen(api, case)["state"] == "scheduled"


def test_forward_sends_the_case_up_and_the_timeline_shows_from_and_to(act, api, pages):
    case = api("anna").submit()
    act("lene", case, "accept")
    assert act("lene", case, "forward", comment="Stole købes centralt").status_code == 302
    assert seen(api, case)["holder"] == "omr-born"
    page = pages("anna").get(f"/cases/{case['id']}").text
    assert "LokalMED Skole → OmrådeMED Børn og Unge" in page
    assert "Stole købes centralt" in page and "af Lene Leder" in page


def test_resolve_shows_the_answer_and_outcome(act, api, pages):
    case = api("anna").submit()
    act("lene", case, "accept")
    act("lene", case, "resolve", answer="Stolene kommer i marts.", outcome="guideline")
    page = pages("anna").get(f"/cases/{case['id']}").text
    assert "Stolene kommer i marts." in page and "Retningslinje" in page
    assert event_buttons(page) == ["reopen"]


def test_resolve_without_outcome_is_a_discussion(act, api):
    case = api("anna").submit()
    act("lene", case, "accept")
    act("lene", case, "resolve", answer="Drøftet.")
    assert seen(api, case)["outcome"] == "discussion"


@pytest.fixture
def at_area(api):
    """Return a question forwarded from LokalMED Skole to OmrådeMED Børn og Unge."""
    case = api("anna").submit()
    case = api("lene").fire(case, "accept")
    return api("lene").fire(case, "forward", comment="Til området")


def test_refer_form_offers_the_committees_below_and_the_way_back(pages, at_area):
    page = pages("ole").get(f"/cases/{at_area['id']}").text
    assert "refer" in event_buttons(page)
    assert '<option value="" selected>Tilbage til det udvalg, den kom fra</option>' in page
    assert '<option value="lok-dagtilbud">LokalMED Dagtilbud</option>' in page


def test_refer_down_to_a_chosen_committee(act, api, at_area):
    response = act("ole", at_area, "refer", target="lok-dagtilbud", comment="Hører til dagtilbud")
    assert response.status_code == 302
    assert seen(api, at_area)["holder"] == "lok-dagtilbud"


def test_refer_back_to_where_it_came_from(act, api, at_area):
    act("ole", at_area, "refer", target="", comment="Løs det lokalt")
    assert seen(api, at_area)["holder"] == "lok-skole"


def test_reject_with_reason_and_where_to_go_instead(act, api, pages):
    case = api("anna").submit()
    act("lene", case, "reject", comment="Ikke en MED-sag", redirect="Kontakt HR")
    page = pages("anna").get(f"/cases/{case['id']}").text
    assert seen(api, case)["state"] == "rejected"
    assert "Ikke en MED-sag" in page and "Kontakt HR" in page and "Henvend dig i stedet til" in page


def test_submitter_withdraws(act, api):
    case = api("anna").submit()
    assert act("anna", case, "withdraw").status_code == 302
    assert seen(api, case)["state"] == "withdrawn"


def test_submitter_reopens_an_answered_case(act, api):
    case = api("anna").submit()
    act("lene", case, "accept")
    act("lene", case, "resolve", answer="Nej.")
    assert act("anna", case, "reopen", comment="Svaret passer ikke").status_code == 302
    assert seen(api, case)["state"] == "submitted"


def test_work_environment_task_is_assessed_planned_followed_up_and_closed(act, api, pages):
    case = api("anna").submit("work_environment", title="Støj i kantinen", category="physical")
    act("amir", case, "accept")
    act("amir", case, "assess", risk_level="high", comment="Over grænseværdi")
    assert act("amir", case, "plan", problem="Støj", solution="Lydabsorbenter", owner="Lene Leder",
               due_date="2027-05-01", effect_check="Ny måling").status_code == 302
    act("amir", case, "follow_up", comment="Målt igen")
    act("amir", case, "resolve", answer="Løst", outcome="decision")
    page = pages("anna").get(f"/cases/{case['id']}").text
    assert seen(api, case)["state"] == "closed"
    assert "Handlingsplan" in page and "Lydabsorbenter" in page and "1. maj 2027" in page
    assert "Risikoniveau" in page and "Høj" in page


def test_plan_form_has_every_action_plan_field(act, api, pages):
    case = api("anna").submit("work_environment", title="Støj", category="physical")
    act("amir", case, "accept")
    act("amir", case, "assess", risk_level="medium", comment="Noget")
    page = pages("amir").get(f"/cases/{case['id']}").text
    for name in ("problem", "solution", "owner", "due_date", "effect_check"):
        assert f'<label for="plan-{name}">' in page, name
    assert 'id="plan-due_date" name="due_date" type="date"' in page


def test_missing_field_reshows_the_case_with_message_and_typed_input_and_writes_nothing(act, api):
    case = api("anna").submit()
    act("lene", case, "accept")
    before = seen(api, case)
    response = act("lene", case, "forward", comment="  ")
    assert response.status_code == 400
    assert "Mangler obligatoriske felter til forward: comment." in response.text
    assert 'id="forward-comment-error">Feltet skal udfyldes.' in response.text
    assert seen(api, case)["version"] == before["version"]


def test_typed_input_is_kept_when_another_field_is_missing(act, api):
    case = api("anna").submit()
    response = act("lene", case, "reject", comment="Min begrundelse", redirect="")
    assert response.status_code == 400
    assert ">Min begrundelse</textarea>" in response.text
    assert seen(api, case)["state"] == "submitted"


def test_bad_date_is_refused_with_a_message(act, api):
    case = api("anna").submit()
    act("lene", case, "accept")
    response = act("lene", case, "schedule", meeting_date="i morgen")
    assert response.status_code == 400 and "skal være en dato" in response.text
    assert seen(api, case)["state"] == "accepted"


def test_stale_form_shows_a_friendly_message_and_the_fresh_case_and_writes_nothing(pages, api):
    case = api("anna").submit()
    case = api("lene").fire(case, "accept")
    old_version = case["version"]
    api("tove").fire(case, "forward", comment="Tove var først")
    response = pages("lene").post(f"/cases/{case['id']}/events",
                                  data={"event": "forward", "version": old_version, "comment": "Også mig"})
    assert response.status_code == 409
    assert "En anden har ændret sagen" in response.text
    assert "OmrådeMED Børn og Unge" in response.text and "Tove var først" in response.text
    history = seen(api, case)["history"]
    assert [h["event"] for h in history].count("forward") == 1
    changed = response.text.split('id="changed"')[1].split("</section>")[0]
    assert "Sendt videre til OmrådeMED Børn og Unge" in changed and "af Tove TR" in changed
    assert 'data-typed="comment">Også mig</blockquote>' in changed  # what she typed is not lost
    assert 'id="action-forward"' not in response.text  # but the stale form is not offered again


def test_an_event_i_may_not_fire_is_a_403_page(act, api):
    case = api("anna").submit()
    response = act("anna", case, "accept")
    assert response.status_code == 403
    assert "Ikke tilladt" in response.text
    assert seen(api, case)["state"] == "submitted"


def test_an_event_not_possible_now_reshows_the_case_with_the_reason(act, api):
    case = api("anna").submit()
    response = act("lene", case, "resolve", answer="For tidligt")
    assert response.status_code == 409
    assert "ikke mulig" in response.text
    assert seen(api, case)["state"] == "submitted"


def test_forward_from_the_top_is_not_offered_and_refused(act, api, pages):
    case = api("anna").submit()
    for who in ("lene", "ole"):
        case = api(who).fire(case, "accept")
        case = api(who).fire(case, "forward", comment="op")
    case = api("kim").fire(case, "accept")
    assert "forward" not in event_buttons(pages("kim").get(f"/cases/{case['id']}").text)
    response = act("kim", case, "forward", comment="Højere op")
    assert response.status_code == 409 and "øverste udvalg" in response.text


def test_an_unknown_event_is_refused(act, api):
    case = api("anna").submit()
    response = act("lene", case, "explode")
    assert response.status_code == 400 and "explode" in response.text


def test_events_on_an_invisible_case_are_a_404_page(act, api):
    case = api("anna").submit()
    assert act("pia", case, "accept").status_code == 404
    assert seen(api, case)["state"] == "submitted"
