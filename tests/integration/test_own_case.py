"""Nobody handles a case they submitted themselves, not even as the committee's chair."""

import pytest

from medflow.domain.definitions import SUBMITTER
from medflow.domain.policy import handles_own_case, may_fire
from medflow.workflows import engines
from tests.helpers.api import OWN, refused


def test_policy_refuses_handling_events_to_the_submitter(app):
    with app.app_context():
        wf = engines()["question"].definition
    accept, withdraw = wf.transition_from("accept", "submitted"), wf.transition_from("withdraw", "submitted")
    assert may_fire(accept, {"chair"}) and not may_fire(accept, {"chair", SUBMITTER})
    assert handles_own_case(accept, {"chair", SUBMITTER}) and not handles_own_case(withdraw, {SUBMITTER})
    assert may_fire(withdraw, {"chair", SUBMITTER})


@pytest.mark.parametrize("chair", ["lene", "tove"])
def test_a_chair_may_not_accept_or_reject_their_own_case(app, api, chair):
    case = api(chair).submit()
    assert case["actions"] == ["withdraw"]
    refused(app, api(chair), case, {"event": "accept", "version": case["version"]}, 403,
            OWN.format("accept"))
    refused(app, api(chair), case, {"event": "reject", "version": case["version"], "comment": "Nej",
                                    "redirect": "Gå til lederen"}, 403, OWN.format("reject"))


def test_a_chair_may_not_resolve_their_own_case_once_accepted(app, api):
    case = api("lene").fire(api("tove").submit(), "accept")
    own = api("tove").get(f"/cases/{case['id']}").get_json()
    assert own["actions"] == ["withdraw"]
    refused(app, api("tove"), own, {"event": "resolve", "version": own["version"], "answer": "Ja"}, 403,
            OWN.format("resolve"))
    refused(app, api("tove"), own, {"event": "forward", "version": own["version"], "comment": "Op"}, 403,
            OWN.format("forward"))


def test_the_submitting_chair_keeps_withdraw_and_reopen(api):
    case = api("lene").fire(api("tove").submit(), "accept")
    resolved = api("lene").fire(case, "resolve", answer="Ja")
    own = api("tove").get(f"/cases/{resolved['id']}").get_json()
    assert own["actions"] == ["reopen"]
    reopened = api("tove").fire(own, "reopen", comment="Ikke løst")
    assert reopened["state"] == "submitted"
    assert api("tove").fire(reopened, "withdraw")["state"] == "withdrawn"


def test_another_chair_still_handles_the_chairs_case(api):
    case = api("lene").submit()
    assert "accept" in api("tove").get(f"/cases/{case['id']}").get_json()["actions"]
    assert api("tove").fire(case, "accept")["state"] == "accepted"


def test_an_amr_may_not_assess_their_own_work_environment_task(app, api):
    task = api("amir").submit("work_environment", category="physical")
    assert "accept" not in task["actions"]
    refused(app, api("amir"), task, {"event": "accept", "version": task["version"]}, 403,
            OWN.format("accept"))

