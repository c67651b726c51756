"""Size limits and wrong values: a body over MAX_CONTENT_LENGTH is a 413, a text over its field's
maximum or a date outside the window is a 400 naming the field, and nothing is written."""

import json
from datetime import date

import pytest

from medflow.domain.limits import DATE_MIN, TEXT_MAX, latest_date
from tests.factories import log_in_client, snapshot
from tests.integration.test_api_refusals import refused
from tests.integration.test_work_environment import PLAN


def _over(field: str) -> str:
    return "x" * (TEXT_MAX[field] + 1)


@pytest.fixture
def task(api):
    """Return a work-environment task accepted and assessed at LokalMED Skole."""
    case = api("anna").submit("work_environment", title="Faldt", category="physical")
    case = api("amir").fire(case, "accept")
    return api("amir").fire(case, "assess", risk_level="low", comment="Lav")


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(app, api):
    before = snapshot(app)
    body = json.dumps({"workflow": "question", "title": "Stole", "description": "x" * 1_100_000})
    response = api("anna").client.post("/api/v1/cases", data=body, content_type="application/json",
                                       headers=api("anna").headers)
    assert response.status_code == 413
    assert response.get_json() == {"error": "The request is too large.", "status": 413}
    assert snapshot(app) == before


def test_a_page_post_over_the_limit_is_a_413_page(app, org):
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    log_in_client(app, client, "anna")
    response = client.post("/cases/new", data={"workflow": "question", "title": "Stole",
                                                "description": "x" * 1_100_000})
    assert response.status_code == 413 and "text/html" in response.content_type


def test_the_body_limit_is_configurable(app, api):
    app.config["MAX_CONTENT_LENGTH"] = 2_000
    body = {"workflow": "question", "title": "Stole", "description": "x" * 3_000}
    response = api("anna").post("/cases", body)
    assert response.status_code == 413


@pytest.mark.parametrize("field", ["title", "description", "location", "what_happened"])
def test_a_new_case_text_over_its_maximum_is_refused_naming_it(app, api, field):
    before = snapshot(app)
    body = {"workflow": "work_environment", "title": "Faldt", "category": "physical", field: _over(field)}
    response = api("anna").post("/cases", body)
    assert response.status_code == 400 and str(TEXT_MAX[field]) in response.get_json()["error"]
    assert field in response.get_json()["error"] or field in ("title", "description")
    assert snapshot(app) == before


def test_a_location_of_exactly_its_maximum_is_stored(api):
    case = api("anna").submit("work_environment", title="Faldt", category="physical",
                              location="x" * TEXT_MAX["location"])
    assert case["data"]["location"] == "x" * TEXT_MAX["location"]


@pytest.mark.parametrize("field", list(PLAN))
def test_an_action_plan_text_over_its_maximum_is_refused_naming_it(app, api, task, field):
    if field == "due_date":
        value, message = "9999-12-31", "due_date must be a date from"
    else:
        value, message = _over(field), f"{field} may be at most {TEXT_MAX[field]} characters."
    body = {"event": "plan", "version": task["version"], **PLAN, field: value}
    before = snapshot(app, task["id"])
    response = api("lene").post(f"/cases/{task['id']}/events", body)
    assert response.status_code == 400 and response.get_json()["error"].startswith(message)
    assert snapshot(app, task["id"]) == before


@pytest.mark.parametrize(("event", "field"), [("accept", "comment"), ("reject", "redirect")])
def test_an_event_text_over_its_maximum_is_refused_naming_it(app, api, event, field):
    case = api("anna").submit()
    body = {"event": event, "version": case["version"], "comment": "Nej", "redirect": "HR", field: _over(field)}
    refused(app, api("lene"), case, body, 400, f"{field} may be at most {TEXT_MAX[field]} characters.")


def test_a_cascade_title_over_200_characters_is_refused_not_cut(app, api):
    before = snapshot(app)
    response = api("kim").post("/cascades", {"committee": "kommunemed", "kind": "information",
                                             "title": _over("title"), "body": "Læs"})
    assert response.status_code == 400 and "200" in response.get_json()["error"]
    assert snapshot(app) == before


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "9999-12-31"])
def test_a_meeting_date_outside_the_window_is_refused(app, api, day):
    case = api("lene").fire(api("anna").submit(), "accept")
    last = latest_date(date.today()).isoformat()
    refused(app, api("lene"), case, {"event": "schedule", "version": case["version"], "meeting_date": day},
            400, f"meeting_date must be a date from {DATE_MIN.isoformat()} to {last}.")


def test_a_meeting_date_at_the_edges_of_the_window_is_accepted(api):
    case = api("lene").fire(api("anna").submit(), "accept")
    case = api("lene").fire(case, "schedule", meeting_date=DATE_MIN.isoformat())
    last = latest_date(date.today()).isoformat()
    assert api("lene").fire(case, "schedule", meeting_date=last)["meeting_date"] == last


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "20270101"])
def test_a_cascade_report_back_date_outside_the_window_is_refused(app, api, day):
    before = snapshot(app)
    response = api("kim").post("/cascades", {"committee": "kommunemed", "kind": "task", "title": "Trivsel",
                                             "body": "Drøft", "due_date": day})
    assert response.status_code == 400 and response.get_json()["error"].startswith("due_date must be a date")
    assert snapshot(app) == before


@pytest.mark.parametrize("value", ["false", "true", 0, 1, None, [], {}])
def test_internal_must_be_a_json_boolean(app, api, value):
    before = snapshot(app)
    response = api("kim").post("/cascades", {"committee": "kommunemed", "kind": "information",
                                             "title": "Ny politik", "body": "Læs", "internal": value})
    assert response.get_json() == {"error": "internal must be true or false.", "status": 400}
    assert snapshot(app) == before


@pytest.mark.parametrize("value", ["false", 0, None])
def test_the_email_setting_must_be_a_json_boolean(api, value):
    response = api("anna").post("/notifications/settings", {"email": value})
    assert response.get_json() == {"error": "email must be true or false.", "status": 400}


def test_the_forms_carry_the_field_maximums_as_maxlength(app, org, api):
    case = api("lene").fire(api("anna").submit(), "accept")
    client = app.test_client()
    log_in_client(app, client, "lene")
    page = client.get(f"/cases/{case['id']}").get_data(as_text=True)
    assert f'name="answer" rows="3" maxlength="{TEXT_MAX["answer"]}"' in page
    new = client.get("/cases/new").get_data(as_text=True)
    for field in ("title", "location"):
        assert f'maxlength="{TEXT_MAX[field]}"' in new and f'name="{field}"' in new


def test_a_report_back_date_outside_the_window_on_the_publish_page_is_a_form_error(app, org, api):
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    log_in_client(app, client, "kim")
    before = snapshot(app)
    response = client.post("/cascades/new", data={"committee": "kommunemed", "kind": "task", "title": "Trivsel",
                                                 "body": "Drøft", "due_date": "9999-12-31"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'name="due_date"' in page
    assert "due_date skal være en dato fra 2000-01-01" in page
    assert snapshot(app) == before
