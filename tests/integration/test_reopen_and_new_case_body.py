"""A reopened case drops its old answer (the history keeps it); `confidential` must be a JSON boolean."""

from __future__ import annotations

import pytest

from tests.factories import snapshot


def _answered(api, answer: str = "Nye stole kommer i maj.", outcome: str = "decision") -> dict:
    case = api("lene").fire(api("anna").submit(), "accept")
    return api("lene").fire(case, "resolve", answer=answer, outcome=outcome)


def test_a_reopened_case_no_longer_shows_the_old_answer(api):
    case = _answered(api)
    assert (case["answer"], case["outcome"]) == ("Nye stole kommer i maj.", "decision")
    case = api("anna").fire(case, "reopen", comment="Der kom ingen stole")
    assert (case["state"], case["answer"], case["outcome"]) == ("submitted", None, None)
    assert "answer" not in case["data"] and "outcome" not in case["data"]
    assert api("lene").get(f"/cases/{case['id']}").get_json()["answer"] is None


def test_the_history_keeps_the_answer_of_a_reopened_case(api):
    case = api("anna").fire(_answered(api), "reopen", comment="Der kom ingen stole")
    resolved = [e for e in case["history"] if e["event"] == "resolve"]
    assert [e["data"] for e in resolved] == [{"answer": "Nye stole kommer i maj.", "outcome": "decision"}]


def test_the_case_shows_the_new_answer_after_it_is_resolved_again(api):
    case = api("anna").fire(_answered(api), "reopen", comment="Der kom ingen stole")
    case = api("lene").fire(api("lene").fire(case, "accept"), "resolve", answer="Stolene er bestilt.",
                            outcome="information")
    assert (case["state"], case["answer"], case["outcome"]) == ("resolved", "Stolene er bestilt.",
                                                                "information")
    answers = [e["data"]["answer"] for e in case["history"] if e["event"] == "resolve"]
    assert answers == ["Nye stole kommer i maj.", "Stolene er bestilt."]


@pytest.mark.parametrize("value", ["false", "true", 0, 1, "", None, [], {}])
def test_confidential_that_is_not_a_json_boolean_is_refused_and_nothing_is_written(app, api, value):
    client = api("anna")
    before = snapshot(app)
    response = client.post("/cases", {"workflow": "question", "title": "Stole", "confidential": value})
    assert response.status_code == 400
    assert response.get_json() == {"error": "confidential must be true or false.", "status": 400}
    assert snapshot(app) == before


@pytest.mark.parametrize(("extra", "confidential"), [({}, False), ({"confidential": False}, False),
                                                     ({"confidential": True}, True)])
def test_confidential_is_a_json_boolean_or_left_out(api, extra, confidential):
    assert api("anna").submit(**extra)["confidential"] is confidential


def test_the_confidential_message_speaks_danish(api):
    response = api("anna").in_danish().post("/cases", {"workflow": "question", "title": "Stole",
                                                       "confidential": "false"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "confidential skal være true eller false."
