"""Organisations with two or four levels work by changing data alone."""

import pytest

from medflow.extensions import db
from tests import factories
from tests.helpers.api import refused


@pytest.fixture
def clients(app):
    """Return a factory of API clients for an organisation loaded by the test."""
    return factories.ApiClients(app)


def _load(app, levels):
    with app.app_context():
        factories.load_org(db.session, factories.org_with_levels(levels))


def test_in_a_two_level_organisation_one_forward_reaches_the_top(app, clients):
    _load(app, ["hoved", "lokal"])
    case = clients("worker").submit()
    assert case["holder"] == "c-lokal"
    case = clients("chair-lokal").fire(clients("chair-lokal").fire(case, "accept"), "forward", comment="Op")
    assert case["holder"] == "c-hoved"
    case = clients("chair-hoved").fire(case, "accept")
    body = {"event": "forward", "version": case["version"], "comment": "Op"}
    refused(app, clients("chair-hoved"), case, body, 409,
            "The case is already at the top committee and cannot be forwarded further.")
    case = clients("chair-hoved").fire(case, "refer", comment="Ned igen")
    assert case["holder"] == "c-lokal"


def test_in_a_four_level_organisation_a_case_climbs_three_times(app, clients):
    levels = ["kommune", "sektor", "omraade", "lokal"]
    _load(app, levels)
    case = clients("worker").submit()
    for lower, upper in zip(reversed(levels[1:]), reversed(levels[:-1]), strict=True):
        chair = clients(f"chair-{lower}")
        case = chair.fire(chair.fire(case, "accept"), "forward", comment=f"Fra {lower}")
        assert case["holder"] == f"c-{upper}"
    top = clients("chair-kommune")
    case = top.fire(top.fire(case, "accept"), "resolve", answer="Svar fra toppen")
    assert [h["to_committee"] for h in case["history"]] == [
        "c-lokal", "c-lokal", "c-omraade", "c-omraade", "c-sektor", "c-sektor", "c-kommune", "c-kommune",
        "c-kommune"]
    tree = clients("worker").get("/committees").get_json()["committees"]
    assert [tree[0]["level"], tree[0]["children"][0]["children"][0]["children"][0]["level"]] == [
        "kommune", "lokal"]
