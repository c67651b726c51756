"""A work-environment task: category, statutory deadline, risk, action plan, follow-up, closed."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from medflow.domain.calendar import local_date
from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services.cases import NewCase, submit_case
from medflow.workflows import engines
from tests.factories import snapshot
from tests.helpers.api import refused

PLAN = {"problem": "Glat gulv i køkkenet", "solution": "Skridsikker belægning", "owner": "Lene Leder",
        "due_date": "2025-06-01", "effect_check": "Ingen faldulykker i et kvartal"}


def _report(api, category="physical", **extra):
    return api("anna").submit("work_environment", title="Faldt i køkkenet", category=category, **extra)


@pytest.mark.parametrize("category", [None, "", "noise", ["accident"]])
def test_a_category_from_the_workflow_is_required(app, api, category):
    before = snapshot(app)
    body = {"workflow": "work_environment", "title": "Faldt", **({"category": category} if category else {})}
    response = api("anna").post("/cases", body)
    assert response.status_code == 400
    assert response.get_json()["error"] == (
        "category must be one of: physical, psychosocial, accident, near_miss, violence_threat.")
    assert snapshot(app) == before


def test_an_accident_carries_the_statutory_report_deadline(api):
    case = _report(api, "accident", location="Køkkenet", what_happened="Gled i vand")
    due = local_date(datetime.fromisoformat(case["created_at"])) + timedelta(days=14)
    assert case["data"]["deadlines"] == {"accident_report": due.isoformat()}
    assert (case["data"]["category"], case["data"]["location"]) == ("accident", "Køkkenet")
    assert case["state"] == "reported"


@pytest.mark.parametrize(("moment", "due"), [
    (datetime(2027, 3, 31, 22, 30, tzinfo=UTC), date(2027, 4, 15)),  # 00:30 on 1 April in Copenhagen (summer)
    (datetime(2027, 12, 31, 23, 30, tzinfo=UTC), date(2028, 1, 15)),  # 00:30 on New Year's Day (winter)
    (datetime(2027, 6, 10, 12, 0, tzinfo=UTC), date(2027, 6, 24)),
])
def test_the_statutory_deadline_counts_from_the_kommunes_date_of_the_report(app, org, moment, due):
    with app.app_context():
        anna = db.session.scalar(select(Person).where(Person.email == "anna@example.dk"))
        new = NewCase("work_environment", "Faldt på trappen", extra={"category": "accident"})
        case = submit_case(db.session, engines(), anna, new, now=moment)
        assert case.data["deadlines"] == {"accident_report": due.isoformat()}


def test_other_categories_have_no_statutory_deadline(api):
    assert "deadlines" not in _report(api, "psychosocial")["data"]


def test_a_task_is_assessed_planned_followed_up_and_closed(api):
    case = api("amir").fire(_report(api), "accept")
    case = api("amir").fire(case, "assess", risk_level="high", comment="Risiko for fald")
    assert (case["state"], case["data"]["risk_level"]) == ("assessed", "high")
    case = api("lene").fire(case, "plan", **PLAN)
    case = api("lene").fire(case, "plan", **{**PLAN, "problem": "Dårlig belysning"})
    assert case["state"] == "action_plan"
    assert [i["problem"] for i in case["action_items"]] == ["Glat gulv i køkkenet", "Dårlig belysning"]
    assert {k: case["action_items"][0][k] for k in PLAN} == PLAN
    case = api("amir").fire(case, "follow_up", comment="Belægning lagt, virker")
    case = api("lene").fire(case, "resolve", answer="Løst lokalt", outcome="guideline")
    assert (case["state"], case["answer"], case["outcome"]) == ("closed", "Løst lokalt", "guideline")
    assert case["closed_at"] is not None
    assert [h["event"] for h in case["history"]] == [
        "submit", "accept", "assess", "plan", "plan", "follow_up", "resolve"]


def test_a_bad_risk_level_is_a_bad_request(app, api):
    case = api("amir").fire(_report(api), "accept")
    refused(app, api("amir"), case, {"event": "assess", "version": case["version"], "risk_level": "extreme",
                                     "comment": "?"}, 400, "risk_level must be one of: low, medium, high.")


@pytest.mark.parametrize("left_out", list(PLAN))
def test_every_action_plan_field_is_required(app, api, left_out):
    case = api("amir").fire(api("amir").fire(_report(api), "accept"), "assess", risk_level="low",
                            comment="Lav")
    body = {"event": "plan", "version": case["version"], **{k: v for k, v in PLAN.items() if k != left_out}}
    refused(app, api("lene"), case, body, 400, f"Missing required field(s) for plan: {left_out}.")


def test_an_action_plan_item_needs_a_real_due_date(app, api):
    case = api("amir").fire(api("amir").fire(_report(api), "accept"), "assess", risk_level="low",
                            comment="Lav")
    body = {"event": "plan", "version": case["version"], **PLAN, "due_date": "snart"}
    refused(app, api("lene"), case, body, 400, "due_date must be a date (YYYY-MM-DD).")


def test_a_plain_member_may_not_assess(app, api):
    case = api("amir").fire(_report(api), "accept")
    refused(app, api("sara"), case, {"event": "assess", "version": case["version"], "risk_level": "low",
                                     "comment": "x"}, 403, "You may not assess this case.")
