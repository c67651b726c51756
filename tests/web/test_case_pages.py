"""My cases, a new case and the case page: what people see."""

from __future__ import annotations

from tests.factories import snapshot
from tests.web.conftest import event_buttons


def test_my_cases_lists_what_i_submitted_with_state_and_holder(pages, api):
    api("anna").submit(title="Nye stole")
    api("peter").submit(title="Ikke Annas sag")
    page = pages("anna").get("/cases")
    assert page.status_code == 200
    assert "Nye stole" in page.text and "Ikke Annas sag" not in page.text
    assert "Ny</span>" in page.text and "LokalMED Skole" in page.text


def test_my_cases_says_so_when_there_are_none(pages):
    assert "Du har ikke indsendt nogen sager endnu." in pages("anna").get("/cases").text


def test_new_case_form_has_a_label_for_every_field(pages):
    page = pages("anna").get("/cases/new").text
    for name in ("title", "description", "confidential", "category", "location", "what_happened"):
        assert f'<label for="{name}"' in page, name
    assert '<input checked id="workflow-0" name="workflow" type="radio" value="question">' in page
    assert "Spørgsmål til MED" in page and "Arbejdsmiljøsag" in page


def test_submitting_a_question_opens_it_at_my_workplace_committee(pages, api):
    anna = pages("anna")
    response = anna.post("/cases/new", data={"workflow": "question", "title": "Hvornår kommer stolene?",
                                             "description": "De er slidte."})
    assert response.status_code == 302
    page = anna.get(response.location)
    assert "Din sag er sendt til LokalMED Skole." in page.text
    assert "Hvornår kommer stolene?" in page.text and "De er slidte." in page.text
    case_id = int(response.location.rsplit("/", 1)[1])
    assert api("anna").get(f"/cases/{case_id}").get_json()["holder"] == "lok-skole"


def test_missing_title_is_shown_next_to_the_field_and_input_is_kept(app, pages):
    before = snapshot(app)
    response = pages("anna").post("/cases/new", data={"workflow": "question", "title": "  ",
                                                      "description": "Min tekst bliver stående"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text and 'id="title-error">Feltet skal udfyldes.' in response.text
    assert "Min tekst bliver stående" in response.text
    assert snapshot(app) == before  # not a row written


def test_work_environment_task_needs_a_category(pages):
    response = pages("anna").post("/cases/new", data={"workflow": "work_environment", "title": "Gulvet",
                                                      "location": "Gymnastiksalen"})
    assert response.status_code == 400
    assert 'id="category-error">Vælg en kategori.' in response.text
    assert 'value="Gymnastiksalen"' in response.text


def test_work_environment_task_keeps_its_extra_fields(pages):
    anna = pages("anna")
    response = anna.post("/cases/new", data={
        "workflow": "work_environment", "title": "Glat gulv", "category": "accident",
        "location": "Gymnastiksalen", "what_happened": "En kollega faldt.", "confidential": "y"})
    page = anna.get(response.location).text
    assert "Arbejdsulykke" in page and "Gymnastiksalen" in page and "En kollega faldt." in page
    assert "Lovpligtig frist" in page and "Fortrolig" in page


def test_unknown_case_type_is_refused_next_to_the_field(pages):
    response = pages("anna").post("/cases/new", data={"workflow": "gossip", "title": "x"})
    assert response.status_code == 400 and "Vælg en sagstype." in response.text


def test_what_a_user_typed_is_escaped(pages, api):
    case = api("anna").submit(title="<script>alert(1)</script>")
    page = pages("anna").get(f"/cases/{case['id']}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_case_page_shows_facts_timeline_and_the_chairs_actions(pages, api):
    case = api("anna").submit()
    page = pages("lene").get(f"/cases/{case['id']}")
    assert page.status_code == 200
    assert "Indsendt" in page.text and "af Anna Jensen" in page.text
    assert event_buttons(page.text) == ["accept", "forward", "reject"]  # nothing below LokalMED to refer to
    assert f'name="version" value="{case["version"]}"' in page.text


def test_submitter_may_only_withdraw(pages, api):
    case = api("anna").submit()
    assert event_buttons(pages("anna").get(f"/cases/{case['id']}").text) == ["withdraw"]


def test_a_member_who_may_not_act_sees_no_buttons(pages, api):
    case = api("anna").submit()
    page = pages("sara").get(f"/cases/{case['id']}").text
    assert event_buttons(page) == []
    assert "Der er ikke noget, du kan gøre på sagen nu." in page


def test_another_committees_case_is_a_404_page(pages, api):
    case = api("anna").submit()
    page = pages("pia").get(f"/cases/{case['id']}")
    assert page.status_code == 404
    assert "Ikke fundet" in page.text and f"Sag {case['id']} blev ikke fundet." in page.text
    assert 'class="site"' in page.text  # the site's own look, not a bare error


def test_a_case_that_does_not_exist_is_a_404_page(pages):
    assert pages("anna").get("/cases/4242").status_code == 404


def test_confidential_case_is_hidden_from_a_plain_member(pages, api):
    case = api("anna").submit(confidential=True)
    assert pages("sara").get(f"/cases/{case['id']}").status_code == 404
    assert pages("lene").get(f"/cases/{case['id']}").status_code == 200


def test_case_page_in_english(pages, api):
    case = api("anna").submit()
    page = pages("lene", lang="en").get(f"/cases/{case['id']}").text
    assert "Question for MED" in page and ">Accept</button>" in page and "History" in page
