"""Cascades from KommuneMED down to six workplace committees, with the sender's roll-up."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from medflow.extensions import db
from medflow.persistence.models import Cascade, Case, Notification, Person, SentReminder
from medflow.services import cascades as cascade_service
from medflow.services import cases as case_service
from medflow.services.cascade_views import rollup
from medflow.services.sweep import sweep
from tests import factories

WORKPLACE_CHAIRS = {"lok-skole": "lene", "lok-dagtilbud": "dora", "lok-sfo": "sofie",
                    "lok-pleje": "pia", "lok-hjemmepleje": "hanne", "lok-aktiv": "aksel"}
STRESS = {"committee": "kommunemed", "kind": "task", "title": "Ny stresspolitik",
          "body": "Drøft den nye stresspolitik på jeres næste møde og meld tilbage senest 1. marts.",
          "due_date": "2025-03-01"}


@pytest.fixture
def api(app):
    """API clients for the cascade organisation (KommuneMED, two areas, six workplaces)."""
    with app.app_context():
        factories.load_org(db.session, factories.CASCADE_ORG)
    return factories.ApiClients(app)


def publish(api, who="kim", expect=201, **body):
    response = api(who).post("/cascades", {**STRESS, **body})
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def cases_by_committee(app, cascade_id: int) -> dict[str, dict]:
    with app.app_context():
        cascade = db.session.get(Cascade, cascade_id)
        return {r.committee.key: {"id": r.case_id, "version": r.case.version} for r in cascade.receipts}


def test_publish_to_the_workplace_level_opens_six_cascade_cases(app, api):
    result = publish(api, levels=["lokal"])
    assert result["received_by"] == 6
    cases = cases_by_committee(app, result["id"])
    assert set(cases) == set(WORKPLACE_CHAIRS)
    seen = api("dora").get(f"/cases/{cases['lok-dagtilbud']['id']}").get_json()
    assert (seen["workflow"], seen["state"], seen["holder"], seen["origin"]) == (
        "cascade", "received", "lok-dagtilbud", "kommunemed")
    assert seen["submitter"]["name"] == "Kim Direktør"
    assert seen["actions"] == ["discuss"]
    assert seen["due_at"].startswith("2025-03-01")
    assert api("dora").get("/notifications").get_json()["notifications"][0]["kind"] == "publish"


def test_rollup_counts_received_discussed_reported_back_and_overdue_per_level(app, api):
    result = publish(api)  # every committee below: two areas and six workplaces
    cases = cases_by_committee(app, result["id"])
    for key in ("lok-skole", "lok-dagtilbud", "lok-pleje"):
        case = api(WORKPLACE_CHAIRS[key]).fire(cases[key], "discuss", comment=f"Drøftet i {key}")
        if key != "lok-pleje":
            api(WORKPLACE_CHAIRS[key]).fire(case, "report_back", comment="Handlingsplan lavet")
    body = api("karen").get(f"/cascades/{result['id']}").get_json()
    assert [(lv["key"], lv["received"], lv["discussed"], lv["reported_back"]) for lv in body["levels"]] == [
        ("omraade", 2, 0, 0), ("lokal", 6, 3, 2)]
    skole = next(c for c in body["committees"] if c["committee"] == "lok-skole")
    assert [n["note"] for n in skole["notes"]] == ["Drøftet i lok-skole", "Handlingsplan lavet"]
    with app.app_context():
        kim = db.session.scalar(select(Person).where(Person.email == "kim@example.dk"))
        late = rollup(db.session, kim, result["id"], now=datetime(2025, 3, 2, tzinfo=UTC))
    assert {lv.key: lv.overdue for lv in late.levels} == {"omraade": 2, "lokal": 4}
    assert sorted(r.receipt.committee.key for r in late.rows if r.overdue) == [
        "lok-aktiv", "lok-hjemmepleje", "lok-pleje", "lok-sfo", "omr-aeldre", "omr-born"]


def test_area_committee_passes_the_item_down_to_its_own_committees_once(app, api):
    result = publish(api, levels=["omraade"])
    cases = cases_by_committee(app, result["id"])
    case = api("ole").fire(cases["omr-born"], "pass_down")
    api("ole").fire(case, "pass_down")
    after = cases_by_committee(app, result["id"])
    assert set(after) == {"omr-born", "omr-aeldre", "lok-skole", "lok-dagtilbud", "lok-sfo"}
    seen = api("lene").get(f"/cases/{after['lok-skole']['id']}").get_json()
    assert (seen["origin"], seen["submitter"]["name"]) == ("omr-born", "Ole Områdechef")
    levels = api("kim").get(f"/cascades/{result['id']}").get_json()["levels"]
    assert [(lv["key"], lv["received"]) for lv in levels] == [("omraade", 2), ("lokal", 3)]


def test_publish_to_a_chosen_branch_only(app, api):
    result = publish(api, branches=["omr-aeldre"])
    assert set(cases_by_committee(app, result["id"])) == {
        "omr-aeldre", "lok-pleje", "lok-hjemmepleje", "lok-aktiv"}


@pytest.mark.parametrize(("who", "body", "status"), [
    ("anna", {}, 403),                          # an employee
    ("kurt", {}, 403),                          # an ordinary member
    ("lene", {"committee": "lok-skole"}, 400),  # nothing below a workplace
    ("kim", {"kind": "rumour"}, 400),
    ("kim", {"title": ""}, 400),
    ("kim", {"branches": ["nowhere"]}, 400),
    ("kim", {"levels": ["planet"]}, 400),
    ("kim", {"due_date": "1. marts"}, 400),
    ("kim", {"committee": "nope"}, 404),
])
def test_bad_or_unauthorised_publish_is_refused_and_writes_nothing(app, api, who, body, status):
    response = api(who).post("/cascades", {**STRESS, **body})
    assert response.status_code == status
    assert response.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Cascade)) == 0
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 0


def test_rollup_is_only_for_the_sending_committee(app, api):
    result = publish(api)
    assert api("kurt").get(f"/cascades/{result['id']}").status_code == 200
    assert api("lene").get(f"/cascades/{result['id']}").status_code == 404


def test_employees_read_what_their_committees_received_except_internal(app, api):
    open_item = publish(api, branches=["omr-born"])
    publish(api, title="Lønbudget (internt)", internal=True)
    cases = cases_by_committee(app, open_item["id"])
    api("lene").fire(cases["lok-skole"], "discuss", comment="Vi holder temadag i april")
    anna = api("anna").get("/information").get_json()["items"]
    assert [i["title"] for i in anna] == ["Ny stresspolitik"]
    notes = {r["committee"]: [n["note"] for n in r["notes"]] for r in anna[0]["received_by"]}
    assert notes == {"omr-born": [], "lok-skole": ["Vi holder temadag i april"]}
    assert api("peter").get("/information").get_json()["items"] == []  # other branch
    assert api("anna").get(f"/cases/{cases['lok-skole']['id']}").status_code == 404


def notified(kind: str) -> list[str]:
    """Return who got notifications of this kind (short names, one entry per notification)."""
    return sorted(e.split("@")[0] for e in db.session.scalars(
        select(Person.email).join(Notification, Notification.person_id == Person.id)
        .where(Notification.kind == kind)))


def test_publisher_hears_once_when_every_committee_has_reported_back_and_not_before(app, api):
    result = publish(api, branches=["omr-born"], levels=["lokal"])  # lok-skole, lok-dagtilbud, lok-sfo
    cases = cases_by_committee(app, result["id"])
    for key in ("lok-skole", "lok-dagtilbud", "lok-sfo"):
        case = api(WORKPLACE_CHAIRS[key]).fire(cases[key], "discuss", comment="Drøftet")
        api(WORKPLACE_CHAIRS[key]).fire(case, "report_back", comment="Meldt tilbage")
        with app.app_context():
            done = key == "lok-sfo"
            assert notified("cascade_complete") == (["kim"] if done else [])
    assert [n["kind"] for n in api("kim").get("/notifications").get_json()["notifications"]] == [
        "cascade_complete"]  # no discuss or report_back per committee
    [note] = api("kim").get("/notifications").get_json()["notifications"]
    assert note["message"] == 'All 3 committees have reported back on "Ny stresspolitik".'
    assert api("kim").get(f"/cases/{note['case_id']}").status_code == 200


def test_publisher_waits_for_the_committees_an_item_was_passed_down_to(app, api):
    result = publish(api, branches=["omr-born"], levels=["omraade"])
    case = api("ole").fire(cases_by_committee(app, result["id"])["omr-born"], "pass_down")
    case = api("ole").fire(case, "discuss", comment="Sendt videre")
    api("ole").fire(case, "report_back", comment="Se de lokale udvalg")
    with app.app_context():
        assert notified("cascade_complete") == []
    cases = cases_by_committee(app, result["id"])
    for key in ("lok-skole", "lok-dagtilbud", "lok-sfo"):
        case = api(WORKPLACE_CHAIRS[key]).fire(cases[key], "discuss", comment="Drøftet")
        api(WORKPLACE_CHAIRS[key]).fire(case, "report_back", comment="Meldt tilbage")
    with app.app_context():
        assert notified("cascade_complete") == ["kim"]  # not Ole, who passed it on
        assert notified("report_back") == ["sara"]  # LokalMED Skole's other member; not Ole or Kim


T0 = datetime(2025, 2, 1, 9, 0, tzinfo=UTC)


def test_report_back_date_is_reminded_before_and_at_it_once_each_to_the_officers(app, api):
    with app.app_context():
        session, engines = db.session, app.extensions["medflow.engines"]
        kim = session.scalar(select(Person).where(Person.email == "kim@example.dk"))
        new = cascade_service.NewCascade(committee="kommunemed", title="Ny stresspolitik", body="Drøft den.",
                                         kind="task", due_date="2025-03-01", branches=("omr-born",),
                                         levels=("lokal",))
        cascade = cascade_service.publish(session, kim, new, now=T0)
        cases = {r.committee.key: r.case for r in cascade.receipts}
        lene = session.scalar(select(Person).where(Person.email == "lene@example.dk"))
        for event in ("discuss", "report_back"):
            skole = session.get(Case, cases["lok-skole"].id)
            case_service.fire_event(session, engines, lene, skole.id, event, skole.version,
                                    {"comment": "Klaret"}, now=T0)

        # Friday 21 February is still more than a week before the report-back day (Saturday 1 March);
        # the reminders of a weekend wait for Monday morning.
        assert sweep(session, engines, now=datetime(2025, 2, 21, 15, tzinfo=UTC)).reminders == []
        assert sweep(session, engines, now=datetime(2025, 2, 22, 8, tzinfo=UTC)).reminders == []
        before = sweep(session, engines, now=datetime(2025, 2, 24, 8, tzinfo=UTC)).reminders
        assert sweep(session, engines, now=datetime(2025, 2, 25, 8, tzinfo=UTC)).reminders == []
        assert sweep(session, engines, now=datetime(2025, 3, 1, 8, tzinfo=UTC)).reminders == []
        due = sweep(session, engines, now=datetime(2025, 3, 3, 8, tzinfo=UTC)).reminders
        assert sweep(session, engines, now=datetime(2025, 3, 4, 8, tzinfo=UTC)).reminders == []

        waiting = sorted(cases[k].id for k in ("lok-dagtilbud", "lok-sfo"))
        assert before == [f"cascade:{i}:2025-03-01:before" for i in waiting]
        assert due == [f"cascade:{i}:2025-03-01:due" for i in waiting]
        assert notified("cascade_before") == notified("cascade_due") == ["dora", "sofie"]
        assert session.scalar(select(func.count()).select_from(SentReminder)) == 4
        [note] = session.scalars(select(Notification).where(Notification.kind == "cascade_due")
                                 .where(Notification.case_id == cases["lok-sfo"].id)).all()
        assert note.data == {"due": "2025-03-01", "committee": "LokalMED SFO"}


def test_report_back_reminders_reach_only_chair_vice_chair_and_secretary(app, api):
    with app.app_context():
        session, engines = db.session, app.extensions["medflow.engines"]
        kim = session.scalar(select(Person).where(Person.email == "kim@example.dk"))
        new = cascade_service.NewCascade(committee="kommunemed", title="Budget", body="Meld tilbage.",
                                         kind="task", due_date="2025-03-01", branches=("lok-skole",))
        cascade_service.publish(session, kim, new, now=T0)
        sweep(session, engines, now=datetime(2025, 3, 3, 8, tzinfo=UTC))  # the Monday after the date
        assert notified("cascade_due") == ["lene"]  # not Sara, an ordinary member
        assert notified("cascade_before") == []  # the sweep first ran after the date
