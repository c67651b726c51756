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
