"""An anonymised case still reads well: page, lists and JSON show that it was anonymised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from medflow.extensions import db
from medflow.services.sweep import sweep


def test_an_anonymised_case_shows_no_submitter_or_text_and_says_why(app, pages, api):
    case = api("anna").submit(title="Hvornår kommer der nye stole?")
    case = api("lene").fire(case, "accept")
    case = api("lene").fire(case, "resolve", answer="Til august.", outcome="information")
    with app.app_context():
        later = datetime.now(UTC) + timedelta(days=1827)
        assert sweep(db.session, app.extensions["medflow.engines"], now=later).anonymised == [case["id"]]
        db.session.remove()
    page = pages("lene").get(f"/cases/{case['id']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "nye stole" not in html and "Til august" not in html and "Anna Jensen" not in html
    assert "(anonymiseret)" in html and "Anonymiseret" in html and "mere end 1826 dage" in html
    inbox = pages("lene").get("/committees/lok-skole").get_data(as_text=True)
    assert "nye stole" not in inbox
    data = api("lene").get(f"/cases/{case['id']}").get_json()
    assert (data["submitter"], data["title"], data["answer"], data["state"]) == (None, "", None, "resolved")
    assert data["anonymised_at"] and data["history"][-1]["event"] == "anonymise"
    refused = api("lene").post(f"/cases/{case['id']}/events", {"event": "reopen", "version": data["version"],
                                                               "comment": "Igen"})
    assert refused.status_code == 409
    english = pages("lene", lang="en").get(f"/cases/{case['id']}").get_data(as_text=True)
    assert "(anonymised)" in english and "more than 1826 days" in english
