"""Who sees a case: its submitter, members of committees that held it, admins; narrower when confidential."""

import pytest


def _status(api, who, case):
    return api(who).get(f"/cases/{case['id']}").status_code


@pytest.fixture
def forwarded(api):
    """Return a confidential and an open question, both forwarded from LokalMED Skole upwards."""
    result = {}
    for name, confidential in (("secret", True), ("open", False)):
        case = api("anna").submit(title=f"Sag {name}", confidential=confidential)
        case = api("lene").fire(api("lene").fire(case, "accept"), "forward", comment="Op")
        result[name] = case
    return result


@pytest.mark.parametrize(("who", "seen"), [
    ("anna", "full"), ("ole", "full"), ("lene", "redacted"), ("tove", "redacted"), ("admin", "redacted"),
    ("sara", None), ("amir", None), ("kim", None), ("peter", None), ("dora", None),
])
def test_a_confidential_case_is_read_by_submitter_and_holders_chairs_and_only_seen_by_earlier_ones(
        api, forwarded, who, seen):
    response = api(who).get(f"/cases/{forwarded['secret']['id']}")
    if seen is None:
        assert response.status_code == 404
        return
    body = response.get_json()
    assert response.status_code == 200
    assert body["redacted"] is (seen == "redacted")
    assert (body["title"] == "Sag secret") is (seen == "full")


@pytest.mark.parametrize(("who", "status"), [
    ("anna", 200), ("lene", 200), ("tove", 200), ("sara", 200), ("amir", 200), ("ole", 200),
    ("admin", 200), ("kim", 404), ("peter", 404), ("dora", 404), ("pia", 404),
])
def test_an_open_case_is_visible_to_members_of_every_committee_that_held_it(api, forwarded, who, status):
    assert _status(api, who, forwarded["open"]) == status


def test_members_of_a_committee_that_held_the_case_still_see_it_after_it_moved_up(api, forwarded):
    case = api("sara").get(f"/cases/{forwarded['open']['id']}").get_json()
    assert case["holder"] == "omr-born"
    assert case["actions"] == []


def test_a_member_who_may_not_see_a_confidential_case_cannot_act_on_it(api, forwarded):
    case = forwarded["secret"]
    response = api("amir").post(f"/cases/{case['id']}/events", {"event": "withdraw", "version": 1})
    assert response.status_code == 404


def test_an_earlier_chair_who_sees_a_confidential_case_redacted_cannot_act_on_it(api, forwarded):
    case = api("lene").get(f"/cases/{forwarded['secret']['id']}").get_json()
    response = api("lene").post(f"/cases/{case['id']}/events", {"event": "accept", "version": case["version"]})
    assert response.status_code == 403
    assert "confidential" in response.get_json()["error"]
