"""Every case event notifies the people it concerns, never the person who acted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Notification, Person

LOK_SKOLE = {"lene", "tove", "sara", "amir"}


def notified_by_last_event(app, case_id: int) -> tuple[str, set[str]]:
    """Return the kind and the short names notified by the case's newest event."""
    with app.app_context():
        rows = _last_event_rows(case_id)
    kinds = {k for k, _ in rows}
    assert len(kinds) == 1, kinds
    return kinds.pop(), {e.split("@")[0] for _, e in rows}


def _last_event_rows(case_id: int):
    return db.session.execute(
        select(Notification.kind, Person.email).join(Person)
        .where(Notification.case_id == case_id,
               Notification.case_event_id == select(Notification.case_event_id)
               .where(Notification.case_id == case_id)
               .order_by(Notification.case_event_id.desc()).limit(1).scalar_subquery())
    ).all()


@pytest.fixture
def journey(api, app):
    """Return a helper that fires an event and answers who was notified of it."""
    def run(who: str, case: dict, event: str, **fields):
        case = api(who).fire(case, event, **fields)
        return case, notified_by_last_event(app, case["id"])
    return run


def test_submit_notifies_the_workplace_committee_but_not_the_submitter(api, app):
    case = api("anna").submit()
    assert notified_by_last_event(app, case["id"]) == ("submit", LOK_SKOLE)


def test_accept_notifies_the_submitter_and_the_other_members(api, journey):
    case = api("anna").submit()
    _, result = journey("lene", case, "accept")
    assert result == ("accept", {"anna"} | LOK_SKOLE - {"lene"})


def test_forward_notifies_the_committee_above_and_the_submitter(api, journey):
    case = api("anna").submit()
    case, _ = journey("lene", case, "accept")
    _, result = journey("lene", case, "forward", comment="Besluttes i området")
    assert result == ("forward", {"ole", "anna"})


def test_refer_notifies_the_committee_below_and_the_submitter(api, journey):
    case = api("anna").submit()
    case, _ = journey("lene", case, "accept")
    case, _ = journey("lene", case, "forward", comment="Op")
    _, result = journey("ole", case, "refer", comment="Løses lokalt")
    assert result == ("refer", LOK_SKOLE | {"anna"})


def test_resolve_notifies_every_committee_on_the_way_up_and_the_submitter(api, journey):
    case = api("anna").submit()
    case, _ = journey("lene", case, "accept")
    case, _ = journey("lene", case, "forward", comment="Op")
    case, _ = journey("ole", case, "accept")
    case, _ = journey("ole", case, "forward", comment="Hele kommunen")
    case, _ = journey("kim", case, "accept")
    _, result = journey("kim", case, "resolve", answer="Nye stole i marts.")
    assert result == ("resolve", LOK_SKOLE | {"ole", "anna"})


def test_reject_notifies_the_submitter_and_the_other_members(api, journey):
    case = api("anna").submit()
    _, result = journey("tove", case, "reject", comment="Ikke en MED-sag",
                        redirect="Kontakt din leder")
    assert result == ("reject", LOK_SKOLE - {"tove"} | {"anna"})


def test_withdraw_notifies_the_holding_committee_only(api, journey):
    case = api("anna").submit()
    _, result = journey("anna", case, "withdraw")
    assert result == ("withdraw", LOK_SKOLE)


def test_reopen_notifies_the_committee_that_answered(api, journey):
    case = api("anna").submit()
    case, _ = journey("lene", case, "accept")
    case, _ = journey("lene", case, "resolve", answer="Ja")
    _, result = journey("anna", case, "reopen", comment="Der er ikke sket noget")
    assert result == ("reopen", LOK_SKOLE)


def test_confidential_case_notifies_only_chair_and_vice_chair(api, app):
    case = api("anna").submit(confidential=True)
    assert notified_by_last_event(app, case["id"]) == ("submit", {"lene", "tove"})


def test_unread_count_list_and_mark_read_through_the_api(api):
    case = api("anna").submit()
    api("lene").fire(case, "accept")
    listing = api("anna").get("/notifications").get_json()
    assert listing["unread"] == 1
    assert listing["notifications"][0]["kind"] == "accept"
    assert listing["notifications"][0]["message"] == "LokalMED Skole has taken the case up."
    first = listing["notifications"][0]["id"]
    assert api("anna").post("/notifications/read", {"ids": [first]}).get_json() == {"unread": 0}
    assert api("anna").get("/notifications").get_json()["notifications"][0]["read"] is True
    assert api("lene").get("/notifications").get_json()["unread"] == 1  # her own stays


def test_mark_read_refuses_bad_ids(api):
    response = api("anna").post("/notifications/read", {"ids": "all"})
    assert response.status_code == 400
    assert "ids" in response.get_json()["error"]


def _publish_to_lok_skole(api) -> dict:
    item = {"committee": "kommunemed", "kind": "task", "title": "Stresspolitik",
            "body": "Drøft og meld tilbage.", "branches": ["lok-skole"]}
    response = api("kim").post("/cascades", item)
    assert response.status_code == 201, response.get_json()
    seen = api("lene").get("/notifications").get_json()["notifications"][0]
    return api("lene").get(f"/cases/{seen['case_id']}").get_json()


def test_cascade_steps_notify_the_receiving_committee_but_not_the_publisher(api, journey):
    case = _publish_to_lok_skole(api)
    _, result = journey("lene", case, "discuss", comment="Drøftet på mødet")
    assert result == ("discuss", LOK_SKOLE - {"lene"})
    assert api("kim").get("/notifications").get_json()["notifications"] == []


def test_last_report_back_notifies_the_publisher_once(api, app):
    case = _publish_to_lok_skole(api)
    case = api("lene").fire(case, "discuss", comment="Drøftet")
    api("tove").fire(case, "report_back", comment="Handlingsplan lavet")
    with app.app_context():
        rows = db.session.execute(select(Notification.kind, Person.email).join(Person)
                                  .where(Notification.case_id == case["id"], Notification.kind != "publish",
                                         Notification.kind != "discuss")).all()
    assert sorted((k, e.split("@")[0]) for k, e in rows) == [
        ("cascade_complete", "kim"), ("report_back", "amir"), ("report_back", "lene"), ("report_back", "sara")]
