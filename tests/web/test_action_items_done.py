"""Action-plan items marked done (or not) on the case page and through the API; near misses; the counts.

An item's done date is a fact in the case's history (same state, version up); "Forsinket" is an
item not done after its due date. The key figures and the annual pack count the work-environment
cases by category and the items done / open / overdue, a small unit only inside the total above.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from medflow.domain.calendar import local_date
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import ActionItem, Committee
from medflow.services.figures.work_environment import work_environment_counts

YEAR = local_date(utcnow()).year
PLAN = {"problem": "Glat gulv i køkkenet", "solution": "Skridsikker belægning", "owner": "Lene Leder",
        "due_date": f"{YEAR - 1}-06-01", "effect_check": "Ingen faldulykker i et kvartal"}


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def _planned(api, category: str = "near_miss", who: str = "anna", due: str | None = None) -> dict:
    case = api(who).submit("work_environment", title="Nær ved at falde", category=category)
    case = api("amir").fire(case, "accept")
    case = api("amir").fire(case, "assess", risk_level="medium", comment="Risiko for fald")
    return api("lene").fire(case, "plan", **{**PLAN, **({"due_date": due} if due else {})})


def _mark(client, case: dict, body: dict):
    item = case["action_items"][0]["id"]
    return client.post(f"/cases/{case['id']}/action-items/{item}", {"version": case["version"], **body})


def _done_on(app, case: dict):
    with app.app_context():
        return db.session.scalar(select(ActionItem.done_on).where(ActionItem.case_id == case["id"]))


def test_near_miss_is_a_category_and_the_statutory_deadline_is_named(api, pages):
    case = api("anna").submit("work_environment", title="Nær ved at falde", category="near_miss")
    assert case["data"]["category"] == "near_miss"
    assert "Nærved-hændelse" in pages("anna").get("/cases/new").get_data(as_text=True)
    assert "Nærved-hændelse" in _text(pages("anna").get(f"/cases/{case['id']}"))
    accident = api("anna").submit("work_environment", title="Faldt", category="accident")
    page = _text(pages("anna").get(f"/cases/{accident['id']}"))
    assert "(Anmeldelse af arbejdsulykke (EASY))" in page and "accident_report" not in page


def test_the_handler_marks_an_item_done_and_undoes_it_through_the_api(app, api):
    case = _planned(api)
    assert case["action_items"][0]["status"] == "overdue" and case["action_items"][0]["done_on"] is None
    response = _mark(api("lene"), case, {"done_on": f"{YEAR - 1}-05-30"})
    assert response.status_code == 200, response.get_json()
    done = response.get_json()
    assert (done["state"], done["version"]) == (case["state"], case["version"] + 1)
    assert done["action_items"][0]["done_on"] == f"{YEAR - 1}-05-30"
    assert done["action_items"][0]["status"] == "done"
    last = done["history"][-1]
    assert (last["event"], last["from_state"], last["to_state"]) == (
        "action_item_done", "action_plan", "action_plan")
    undone = _mark(api("amir"), done, {"done_on": None}).get_json()
    assert undone["action_items"][0]["status"] == "overdue"
    assert undone["history"][-1]["event"] == "action_item_undone"
    assert undone["version"] == done["version"] + 1
    today = _mark(api("amir"), undone, {}).get_json()  # no date: today, in the kommune
    assert today["action_items"][0]["done_on"] == local_date(utcnow()).isoformat()


@pytest.mark.parametrize(("who", "body", "status"), [
    ("sara", {"done_on": f"{YEAR}-01-02"}, 403),  # a plain member does not handle the case
    ("anna", {"done_on": f"{YEAR}-01-02"}, 403),  # nor does its submitter
    ("peter", {"done_on": f"{YEAR}-01-02"}, 404),  # another workplace does not see it
    ("lene", {"done_on": "snart"}, 400),
    ("lene", {"done_on": f"{YEAR + 1}-01-01"}, 400),  # not after today
    ("lene", {"done_on": f"{YEAR}-01-02", "version": 99}, 409),
])
def test_marking_is_refused_and_nothing_changes(app, api, who, body, status):
    case = _planned(api)
    response = _mark(api(who), case, body)
    assert response.status_code == status, response.get_json()
    assert response.get_json()["status"] == status
    assert _done_on(app, case) is None
    assert api("lene").get(f"/cases/{case['id']}").get_json()["version"] == case["version"]


def test_an_unknown_item_is_not_found(api):
    case = _planned(api)
    response = api("lene").post(f"/cases/{case['id']}/action-items/999999", {"version": case["version"]})
    assert response.status_code == 404


def test_the_case_page_marks_done_and_shows_overdue_and_done(app, api, pages):
    case = _planned(api)
    lene = pages("lene")
    page = _text(lene.get(f"/cases/{case['id']}"))
    assert "Forsinket" in page and "Markér som udført" in page
    assert "Markér som udført" not in _text(pages("sara").get(f"/cases/{case['id']}"))
    item = case["action_items"][0]["id"]
    url = f"/cases/{case['id']}/action-items/{item}"
    assert lene.post(url, data={"version": case["version"], "done_on": "i går"}).status_code == 400
    marked = lene.post(url, data={"version": case["version"], "done_on": f"{YEAR - 1}-05-30"})
    assert marked.status_code == 302
    page = _text(lene.get(f"/cases/{case['id']}"))
    assert "Udført 30." in page and "Handlingsplanpunkt markeret som udført" in page
    stale = lene.post(url, data={"version": case["version"], "undo": "1"})
    assert stale.status_code == 409
    undone = lene.post(url, data={"version": case["version"] + 1, "undo": "1"})
    assert undone.status_code == 302 and _done_on(app, case) is None
    assert pages("sara").post(url, data={"version": case["version"] + 2, "undo": "1"}).status_code == 403


def _counts(app, key: str) -> dict:
    with app.app_context():
        committee = db.session.scalar(select(Committee).where(Committee.key == key))
        rows = work_environment_counts(db.session, committee, YEAR, local_date(utcnow()))
        return {r["key"]: r for r in rows}


def test_figures_and_pack_count_the_cases_with_the_small_unit_rule(app, api, pages):
    done = _planned(api, "near_miss")
    _mark(api("lene"), done, {"done_on": f"{YEAR - 1}-05-30"})
    _planned(api, "near_miss", due=f"{YEAR}-01-01")  # overdue, due this year... or open on 1 January
    api("anna").submit("work_environment", title="Slag", category="violence_threat", confidential=True)
    api("dora").submit("work_environment", title="Faldt", category="accident")  # a unit of one person
    rows = _counts(app, "omr-born")
    total, skole, dagtilbud = rows["omr-born"], rows["lok-skole"], rows["lok-dagtilbud"]
    assert total["counts"]["near_miss"] == 2 and total["counts"]["violence_threat"] == 1
    assert total["counts"]["accident"] == 1 and total["counts"]["physical"] == 0
    assert skole["counts"]["accident"] == 0 and skole["counts"]["near_miss"] == 2
    assert dagtilbud["hidden"] and dagtilbud["counts"] is None
    items = total["counts"]
    assert items["items_done"] + items["items_open"] + items["items_overdue"] == 1  # due in the year
    page = pages("ole").get("/committees/omr-born/figures")
    text = _text(page)
    assert page.status_code == 200 and "Nærved-hændelser" in text
    assert "Færre end 5 – tæller med i totalen" in text
    assert "Slag" not in text  # the confidential case counts, its title is never shown
    pack = _text(pages("ole").get(f"/committees/omr-born/annual/{YEAR}"))
    assert "Arbejdsmiljøsager og handlingspunkter" in pack and "APV-status" in pack


def test_the_apv_status_is_the_latest_apv_case_of_each_unit(app, api):
    case = api("anna").submit("work_environment", title="APV 2026", category="psychosocial", topic="apv")
    assert case["topic"] == "apv"
    rows = _counts(app, "lok-skole")
    assert rows["lok-skole"]["apv"]["case_id"] == case["id"]
    assert rows["lok-skole"]["apv"]["items"] == 0
