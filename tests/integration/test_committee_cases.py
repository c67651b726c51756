"""GET /committees/KEY/cases lists what a committee holds, newest first, 25 a page."""

import pytest

from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services.cases import NewCase, submit_case
from medflow.workflows import engines


def _submit_many(app, n: int) -> None:
    with app.app_context():
        anna = db.session.query(Person).filter_by(email="anna@example.dk").one()
        for i in range(n):
            submit_case(db.session, engines(), anna, NewCase("question", f"Spørgsmål {i + 1}"))


def test_cases_come_25_a_page_newest_first(app, api):
    _submit_many(app, 26)
    first = api("lene").get("/committees/lok-skole/cases").get_json()
    second = api("lene").get("/committees/lok-skole/cases?page=2").get_json()
    assert (first["total"], first["page"], first["page_size"], len(first["cases"])) == (26, 1, 25, 25)
    assert (second["total"], second["page"], len(second["cases"])) == (26, 2, 1)
    titles = [c["title"] for c in first["cases"] + second["cases"]]
    assert titles == [f"Spørgsmål {i}" for i in range(26, 0, -1)]
    assert api("lene").get("/committees/lok-skole/cases?page=3").get_json()["cases"] == []


def test_the_state_filter_lists_only_cases_in_that_state(app, api):
    _submit_many(app, 3)
    newest = api("lene").get("/committees/lok-skole/cases").get_json()["cases"][0]
    api("lene").fire(newest, "accept")
    accepted = api("lene").get("/committees/lok-skole/cases?state=accepted").get_json()
    assert (accepted["total"], [c["id"] for c in accepted["cases"]]) == (1, [newest["id"]])
    assert api("lene").get("/committees/lok-skole/cases?state=submitted").get_json()["total"] == 2


def test_a_case_leaves_the_list_when_it_is_forwarded(api):
    case = api("lene").fire(api("anna").submit(), "accept")
    api("lene").fire(case, "forward", comment="Op")
    assert api("lene").get("/committees/lok-skole/cases").get_json()["total"] == 0
    listed = api("ole").get("/committees/omr-born/cases").get_json()["cases"]
    assert [(c["id"], c["holder"], c["state"]) for c in listed] == [(case["id"], "omr-born", "submitted")]


def test_confidential_cases_are_hidden_from_plain_members_and_amr(api):
    api("anna").submit(title="Åben")
    api("anna").submit(title="Fortrolig", confidential=True)
    for who, titles in (("lene", ["Fortrolig", "Åben"]), ("tove", ["Fortrolig", "Åben"]),
                        ("sara", ["Åben"]), ("amir", ["Åben"]), ("admin", [None, "Åben"])):
        listed = api(who).get("/committees/lok-skole/cases").get_json()
        assert ([c["title"] for c in listed["cases"]], listed["total"]) == (titles, len(titles)), who


@pytest.mark.parametrize("who", ["peter", "anna", "ole"])
def test_people_without_a_role_in_the_committee_may_not_list_it(api, who):
    response = api(who).get("/committees/lok-skole/cases")
    assert response.status_code == 403
    assert response.get_json()["error"] == "Only members of LokalMED Skole can list its cases."


def test_an_unknown_committee_is_not_found(api):
    response = api("lene").get("/committees/nowhere/cases")
    assert (response.status_code, response.get_json()["error"]) == (404, "Unknown committee nowhere.")


@pytest.mark.parametrize("raw", ["0", "-1", "x", "1.5", "²", "", "99999999999999999999999"])
def test_a_bad_page_is_a_bad_request(api, raw):
    response = api("lene").get(f"/committees/lok-skole/cases?page={raw}")
    assert response.status_code == 400
    assert response.get_json()["error"] == "page must be a whole number from 1."
