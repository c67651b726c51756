"""The guideline register: cases closed as guidelines, through the visibility rule; replaced and withdrawn."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import GuidelineChange, Person
from tests.factories import ApiClients


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def _guideline(api, title: str, outcome: str = "guideline", confidential: bool = False) -> int:
    """Have Anna ask, the chair of LokalMED Skole accept and answer it with `outcome`; return its id."""
    case = api("anna").submit(title=title, confidential=confidential)
    case = api("lene").fire(case, "accept")
    api("lene").fire(case, "resolve", answer=f"{title}: sådan gør vi.", outcome=outcome)
    return case["id"]


@pytest.fixture
def register(app, org):
    """Three answered cases: two guidelines (one confidential) and a plain decision."""
    api = ApiClients(app)
    return {"breaks": _guideline(api, "Pauser i skolegården"),
            "secret": _guideline(api, "Retningslinje om en kollegas sygdom", confidential=True),
            "decision": _guideline(api, "Nye stole", outcome="decision")}


def test_the_register_lists_guidelines_with_committee_and_date_but_not_other_outcomes(pages, register):
    page = pages("sara").get("/guidelines")
    assert page.status_code == 200
    text = _text(page)
    assert "LokalMED Skole" in text and "Pauser i skolegården" in text
    assert "Nye stole" not in text
    assert f'data-testid="guideline-{register["breaks"]}"' in page.get_data(as_text=True)


def test_a_confidential_guideline_is_listed_only_to_those_who_may_read_it(pages, register):
    assert "kollegas sygdom" in _text(pages("lene").get("/guidelines"))  # the chair reads it
    for who in ("sara", "ole", "peter"):
        assert "kollegas sygdom" not in _text(pages(who).get("/guidelines")), who
    assert pages("sara").get(f"/guidelines/{register['secret']}").status_code == 404


def test_the_register_follows_the_rule_for_ordinary_guidelines_too(pages, register):
    """An ordinary case is read by its submitter and the committees that held it: so is its guideline."""
    assert "Pauser i skolegården" in _text(pages("anna").get("/guidelines"))  # she asked
    assert "Pauser i skolegården" not in _text(pages("peter").get("/guidelines"))  # another workplace
    assert pages("peter").get(f"/cases/{register['breaks']}").status_code in (403, 404)


def test_the_chair_replaces_a_guideline_and_the_register_keeps_its_history(app, pages, register):
    lene = pages("lene")
    newer = _guideline(ApiClients(app), "Pauser i skolegården, 2027")
    response = lene.post(f"/guidelines/{register['breaks']}/standing", data={
        "status": "replaced", "replaced_by": str(newer), "effective_on": "2026-12-01",
        "note": "Afløst af den nye pausepolitik."})
    assert response.status_code == 302
    in_force = _text(lene.get("/guidelines"))
    assert "Pauser i skolegården, 2027" in in_force and "Pauser i skolegården Sagen" not in in_force
    replaced = lene.get("/guidelines?show=replaced").get_data(as_text=True)
    assert f'data-testid="guideline-{register["breaks"]}"' in replaced
    assert f'data-testid="guideline-{newer}"' not in replaced
    history = _text(lene.get(f"/guidelines/{register['breaks']}"))
    assert "Afløst af den nye pausepolitik." in history and "Lene Leder" in history
    with app.app_context():
        row = db.session.scalar(select(GuidelineChange))
        assert (row.status, row.replaced_by_id, row.actor_id) == (
            "replaced", newer, db.session.scalar(select(Person.id).where(Person.email == "lene@example.dk")))


def test_withdrawn_shows_on_request_and_can_come_back_into_force(pages, register):
    lene = pages("lene")
    url = f"/guidelines/{register['breaks']}/standing"
    assert lene.post(url, data={"status": "withdrawn", "effective_on": "2026-11-30"}).status_code == 302
    assert f'guideline-{register["breaks"]}"' not in lene.get("/guidelines").get_data(as_text=True)
    assert f'guideline-{register["breaks"]}"' in lene.get("/guidelines?show=withdrawn").get_data(as_text=True)
    assert f'guideline-{register["breaks"]}"' in lene.get("/guidelines?show=all").get_data(as_text=True)
    assert lene.post(url, data={"status": "in_force", "effective_on": "2026-12-02"}).status_code == 302
    assert f'guideline-{register["breaks"]}"' in lene.get("/guidelines").get_data(as_text=True)


def test_only_the_chair_or_secretary_of_the_deciding_committee_may_change_it(pages, register):
    body = {"status": "withdrawn", "effective_on": "2026-11-30"}
    assert pages("sara").post(f"/guidelines/{register['breaks']}/standing", data=body).status_code == 403
    assert pages("ole").post(f"/guidelines/{register['breaks']}/standing", data=body).status_code in (403, 404)
    assert 'data-testid="guideline-standing-form"' not in pages("sara").get(
        f"/guidelines/{register['breaks']}").get_data(as_text=True)


def test_bad_standing_input_is_refused_with_a_message(pages, register):
    lene, url = pages("lene"), f"/guidelines/{register['breaks']}/standing"
    assert lene.post(url, data={"status": "replaced", "effective_on": "2026-12-01"}).status_code == 400
    assert lene.post(url, data={"status": "gone", "effective_on": "2026-12-01"}).status_code == 400
    assert lene.post(url, data={"status": "withdrawn", "effective_on": "i morgen"}).status_code == 400
    assert lene.post(url, data={"status": "replaced", "replaced_by": str(register["breaks"]),
                                "effective_on": "2026-12-01"}).status_code == 400
    assert lene.post(url, data={"status": "replaced", "replaced_by": str(register["decision"]),
                                "effective_on": "2026-12-01"}).status_code == 404
    assert lene.post(f"/guidelines/{register['decision']}/standing",
                     data={"status": "withdrawn", "effective_on": "2026-12-01"}).status_code == 404


def _kommune_guideline(api, title: str, confidential: bool = False) -> int:
    """Have the administrator ask KommuneMED and its chair answer it as a guideline; return its id."""
    case = api("admin").submit(title=title, description=f"{title}: baggrund kun for udvalget.",
                               confidential=confidential)
    case = api("kim").fire(case, "accept")
    api("kim").fire(case, "resolve", answer=f"{title}: det gælder for alle.", outcome="guideline")
    return case["id"]


@pytest.fixture
def published(app, org):
    """KommuneMED's guideline, a confidential one of KommuneMED, and one of LokalMED Plejecenter."""
    api = ApiClients(app)
    pleje = api("peter").submit(title="Forflytninger på plejecentret", confidential=False)
    pleje = api("pia").fire(pleje, "accept")
    api("pia").fire(pleje, "resolve", answer="Altid to ved forflytning.", outcome="guideline")
    return {"stress": _kommune_guideline(api, "Stresspolitik for hele kommunen"),
            "secret": _kommune_guideline(api, "Omstrukturering af lønkontoret", confidential=True),
            "pleje": pleje["id"]}


def test_an_employee_reads_the_guidelines_of_the_committees_above_her_workplace(pages, published):
    """Anna (LokalMED Skole, no committee role) reads KommuneMED's guideline and its decision, not the case."""
    anna = pages("anna")
    register = anna.get("/guidelines")
    text, html = _text(register), register.get_data(as_text=True)
    assert "KommuneMED" in text and "Stresspolitik for hele kommunen" in text
    assert f'href="/cases/{published["stress"]}"' not in html  # no link to a case she may not open
    entry = _text(anna.get(f"/guidelines/{published['stress']}"))
    assert "Stresspolitik for hele kommunen: det gælder for alle." in entry
    assert "baggrund kun for udvalget" not in entry and "Ada Admin" not in entry
    assert anna.get(f"/cases/{published['stress']}").status_code == 404
    assert "Stresspolitik for" in _text(pages("peter").get("/guidelines"))  # also under the other area


def test_an_employee_sees_no_confidential_guideline_and_none_of_a_sibling_workplace(pages, published):
    anna = pages("anna")
    for url in ("/guidelines", "/guidelines?show=all", "/guidelines?committee=kommunemed",
                f"/guidelines/{published['stress']}"):
        text = _text(anna.get(url))
        assert "lønkontoret" not in text.lower() and "Forflytning" not in text, url
    assert anna.get(f"/guidelines/{published['secret']}").status_code == 404
    assert anna.get(f"/guidelines/{published['pleje']}").status_code == 404
    assert "Forflytninger på plejecentret" in _text(pages("peter").get("/guidelines"))  # his own workplace's
    assert "lønkontoret" in _text(pages("kim").get("/guidelines"))  # the chair who holds it reads it


def test_a_withdrawn_guideline_leaves_the_employees_register_but_stays_with_its_readers(pages, published):
    kim, anna, url = pages("kim"), pages("anna"), f"/guidelines/{published['stress']}"
    withdraw = {"status": "withdrawn", "effective_on": "2026-12-01"}
    assert kim.post(f"{url}/standing", data=withdraw).status_code == 302
    assert "Stresspolitik for" not in _text(anna.get("/guidelines?show=all"))
    assert anna.get(url).status_code == 404
    assert "Stresspolitik for" in _text(kim.get("/guidelines?show=withdrawn"))
    again = {"status": "in_force", "effective_on": "2026-12-02"}
    assert kim.post(f"{url}/standing", data=again).status_code == 302
    assert "Stresspolitik for" in _text(anna.get("/guidelines"))


def test_a_published_guideline_is_nowhere_else_for_the_employee(pages, published):
    """The register is the one place: her case lists, search and the case JSON do not show it."""
    anna = pages("anna")
    for url in ("/cases", "/search?q=stresspolitik", "/search?q=gælder"):
        text = _text(anna.get(url))
        assert "Stresspolitik for hele kommunen" not in text and "det gælder for alle" not in text, url
