"""Suggestions while writing a case: the JSON the form's script fetches, the API, and the no-JavaScript step."""

from __future__ import annotations

from sqlalchemy import func, select

from medflow.extensions import db
from medflow.persistence.models import Case, SuggestionShow
from medflow.services.answers.suggestions import figures
from tests.web.test_shared_answers import _accepted, _resolve

TOKEN = "form-token-0123456789abc"


def _share_chairs(pages, api) -> None:
    """Have LokalMED Skole answer a question about chairs and share it with everyone."""
    case = _accepted(api, title="Kan vi få nye stole i personalerummet?")
    assert _resolve(pages, case, title="Nye stole i personalerummet",
                    text="Skolen har købt nye stole; arbejdsmiljørådgivningen hjalp.").status_code == 302


def test_the_form_script_gets_the_shared_answer_and_offers_and_the_showing_is_counted(app, pages, api):
    _share_chairs(pages, api)
    peter = pages("peter")  # another workplace
    found = peter.get(f"/answers/suggestions?title=Vores+stol+er+slidt&form={TOKEN}").get_json()
    assert [a["title"] for a in found["answers"]] == ["Nye stole i personalerummet"]
    assert found["answers"][0]["committee"] == "LokalMED Skole"
    assert found["answers"][0]["url"].startswith("/answers/")
    assert "arbejdsmiljoeraadgivning" in [o["key"] for o in found["offers"]]
    assert len(found["answers"]) + len(found["offers"]) <= 5
    peter.get(f"/answers/suggestions?title=Vores+stole+er+slidte&form={TOKEN}")  # typing on: still one showing
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SuggestionShow)) == 1
        assert figures(db.session).left == 1
    nothing = peter.get("/answers/suggestions?title=Parkering").get_json()
    assert nothing == {"answers": [], "offers": []}


def test_bad_suggestion_input_is_refused_with_a_message(pages):
    anna = pages("anna")
    refused = anna.get("/answers/suggestions?title=stol&form=<script>")
    assert refused.status_code == 400 and "Formularens nøgle" in refused.get_json()["error"]
    assert anna.get("/answers/suggestions?title=" + "x" * 201).status_code == 400
    assert pages(None).get("/answers/suggestions?title=stol").status_code == 302  # employees only


def test_the_api_describes_and_answers_suggestions(pages, api):
    _share_chairs(pages, api)
    found = api("peter").get("/suggestions?title=nye+stole&topic=ny-teknologi-og-bygninger")
    assert found.status_code == 200 and found.get_json()["answers"][0]["title"] == "Nye stole i personalerummet"
    document = api("peter").get("/openapi.json").get_json()
    assert "/suggestions" in document["paths"] and "Suggestions" in document["components"]["schemas"]


def test_without_javascript_the_first_submit_shows_the_answers_and_sending_anyway_counts(app, pages, api):
    _share_chairs(pages, api)
    peter = pages("peter")
    form = {"workflow": "question", "title": "Vi mangler nye stole", "description": "De gamle er slidte.",
            "suggest_token": TOKEN}
    check = peter.post("/cases/new", data=form)
    assert check.status_code == 200 and 'data-testid="check-first"' in check.text
    assert "Nye stole i personalerummet" in check.text and "Send alligevel" in check.text
    assert 'value="Vi mangler nye stole"' in check.text  # what was typed stays
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1  # only the answered one
    sent = peter.post("/cases/new", data={**form, "checked": ["", "1"]})  # the hidden field, then the button
    assert sent.status_code == 302
    with app.app_context():
        shown = db.session.scalar(select(SuggestionShow))
        assert shown.via == "check" and shown.sent_at is not None and shown.case_id is not None
        assert (figures(db.session).shown, figures(db.session).sent, figures(db.session).left) == (1, 1, 0)


def test_a_question_nobody_answered_is_sent_at_once(pages, api):
    _share_chairs(pages, api)
    sent = pages("peter").post("/cases/new", data={"workflow": "question",
                                                   "title": "Parkering ved plejecentret"})
    assert sent.status_code == 302


def test_an_unshared_answer_is_no_longer_suggested(app, pages, api):
    _share_chairs(pages, api)
    from medflow.persistence.models import SharedAnswer
    with app.app_context():
        answer_id = db.session.scalar(select(SharedAnswer.id))
    assert pages("lene").post(f"/answers/{answer_id}/unshare").status_code == 302
    assert pages("peter").get("/answers/suggestions?title=nye+stole").get_json()["answers"] == []
