"""Every refusal of the events API answers its status and a JSON message, and writes nothing."""

import pytest

from tests.factories import snapshot
from tests.helpers.api import refused


@pytest.fixture
def case(api):
    """Return a question just submitted by Anna to LokalMED Skole."""
    return api("anna").submit()


@pytest.fixture
def accepted(api, case):
    """Return the question after Lene (chair) accepted it."""
    return api("lene").fire(case, "accept")


@pytest.mark.parametrize("who", ["sara", "anna", "amir"])
def test_people_without_a_handling_role_may_not_accept(app, api, case, who):
    body = {"event": "accept", "version": case["version"]}
    refused(app, api(who), case, body, 403, "You may not accept this case.")


def test_an_event_not_possible_in_this_state_is_a_conflict(app, api, case):
    body = {"event": "resolve", "version": case["version"], "answer": "Ja"}
    message = "The event resolve is not possible while the case is submitted."
    refused(app, api("lene"), case, body, 409, message)


def test_forward_at_the_top_committee_is_a_conflict(app, api, accepted):
    case = api("lene").fire(accepted, "forward", comment="Områdets sag")
    case = api("ole").fire(api("ole").fire(case, "accept"), "forward", comment="Kommunens sag")
    case = api("kim").fire(case, "accept")
    assert "forward" not in case["actions"]
    body = {"event": "forward", "version": case["version"], "comment": "Endnu højere"}
    message = "The case is already at the top committee and cannot be forwarded further."
    refused(app, api("kim"), case, body, 409, message)


def test_a_stale_version_is_a_conflict(app, api, accepted):
    body = {"event": "resolve", "version": accepted["version"] - 1, "answer": "Ja"}
    refused(app, api("lene"), accepted, body, 409,
            "The case was changed by someone else. Reload it and try again.")


def test_a_missing_version_is_a_bad_request(app, api, case):
    refused(app, api("lene"), case, {"event": "accept"}, 400,
            "version is required: send the version of the case you acted on.")


def test_a_case_of_another_workplace_is_not_found_when_read(api, case):
    response = api("peter").get(f"/cases/{case['id']}")
    assert response.status_code == 404
    assert response.get_json()["error"] == f"Case {case['id']} was not found."


def test_a_case_of_another_workplace_is_not_found_when_acted_on(app, api, case):
    body = {"event": "accept", "version": case["version"]}
    refused(app, api("pia"), case, body, 404, f"Case {case['id']} was not found.")


def test_an_unknown_case_is_not_found(api):
    response = api("lene").get("/cases/999")
    assert (response.status_code, response.get_json()["error"]) == (404, "Case 999 was not found.")


@pytest.mark.parametrize(("fields", "message"), [
    ({"event": "forward"}, "Missing required field(s) for forward: comment."),
    ({"event": "forward", "comment": "   "}, "Missing required field(s) for forward: comment."),
    ({"event": "resolve"}, "Missing required field(s) for resolve: answer."),
    ({"event": "reject", "comment": "Ikke MED"}, "Missing required field(s) for reject: redirect."),
    ({"event": "schedule"}, "Missing required field(s) for schedule: meeting_date."),
    ({"event": "schedule", "meeting_date": "2025-13-01"}, "meeting_date must be a date (YYYY-MM-DD)."),
    ({"event": "schedule", "meeting_date": 20250101}, "meeting_date must be text."),
    ({"event": "resolve", "answer": "Ja", "outcome": "vote"},
     "outcome must be one of: information, discussion, guideline, decision."),
    ({"event": "frobnicate"}, "Unknown event frobnicate."),
    ({"event": ""}, "event is required."),
])
def test_a_bad_or_missing_field_is_a_bad_request(app, api, accepted, fields, message):
    refused(app, api("lene"), accepted, {"version": accepted["version"], **fields}, 400, message)


@pytest.mark.parametrize(("target", "message"), [
    ("lok-pleje", "lok-pleje is not a committee below the one holding the case."),
    ("kommunemed", "kommunemed is not a committee below the one holding the case."),
    ("omr-born", "omr-born is not a committee below the one holding the case."),
    ("nowhere", "Unknown committee nowhere."),
])
def test_refer_to_a_committee_not_below_the_holder_is_a_bad_request(app, api, accepted, target, message):
    case = api("lene").fire(accepted, "forward", comment="Områdets sag")
    body = {"event": "refer", "version": case["version"], "comment": "Til jer", "target": target}
    refused(app, api("ole"), case, body, 400, message)


def test_refer_from_a_committee_with_nothing_below_is_a_conflict(app, api, accepted):
    body = {"event": "refer", "version": accepted["version"], "comment": "Ned", "target": "lok-skole"}
    refused(app, api("lene"), accepted, body, 409,
            "There is no committee below this one to refer the case to.")


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"accept"'])
def test_a_body_that_is_not_a_json_object_is_a_bad_request(app, api, case, raw):
    client = api("lene")
    before = snapshot(app, case["id"])
    response = client.client.post(f"/api/v1/cases/{case['id']}/events", data=raw,
                                  content_type="application/json", headers=client.headers)
    assert response.status_code == 400
    assert response.get_json()["error"] == "The body must be a JSON object."
    assert snapshot(app, case["id"]) == before


@pytest.mark.parametrize(("body", "message"), [
    ({"workflow": "complaint", "title": "Stole"},
     "Unknown workflow complaint (choose one of: question, work_environment)."),
    ({"title": "Stole"}, "Unknown workflow None (choose one of: question, work_environment)."),
    ({"workflow": "cascade", "title": "Stole"},
     "Unknown workflow cascade (choose one of: question, work_environment)."),
    ({"workflow": "question", "title": "  "}, "A title is required."),
    ({"workflow": "question"}, "A title is required."),
    ({"workflow": "question", "title": "x" * 201}, "The title may be at most 200 characters."),
])
def test_a_bad_new_case_is_refused_and_not_stored(app, api, body, message):
    client = api("anna")
    before = snapshot(app)
    response = client.post("/cases", body)
    assert response.status_code == 400
    assert response.get_json()["error"] == message
    assert snapshot(app) == before


def test_refusals_speak_danish_when_asked(app, api, case):
    body = {"event": "accept", "version": case["version"]}
    refused(app, api("sara").in_danish(), case, body, 403,
            "Du har ikke ret til at udføre accept på denne sag.")
    refused(app, api("lene").in_danish(), case, {"event": "accept", "version": 0}, 409,
            "Sagen er blevet ændret af en anden. Hent den igen, og prøv igen.")
