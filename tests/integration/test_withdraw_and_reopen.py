"""Only the submitter withdraws an open case, and reopens a closed one within the window."""

from datetime import UTC, datetime, timedelta

import pytest

from medflow.domain.errors import NotPossible
from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services.cases import fire_event
from medflow.workflows import engines
from tests.factories import snapshot
from tests.helpers.api import refused


def test_the_submitter_withdraws_an_open_case(api):
    case = api("lene").fire(api("anna").submit(), "accept")
    case = api("anna").fire(case, "withdraw")
    assert case["state"] == "withdrawn"
    assert case["closed_at"] is not None
    assert case["actions"] == []


@pytest.mark.parametrize("who", ["lene", "tove", "sara", "admin"])
def test_nobody_but_the_submitter_may_withdraw(app, api, who):
    case = api("anna").submit()
    refused(app, api(who), case, {"event": "withdraw", "version": case["version"]}, 403,
            "You may not withdraw this case.")


def test_a_closed_case_cannot_be_withdrawn(app, api):
    case = api("lene").fire(api("lene").fire(api("anna").submit(), "accept"), "resolve", answer="Ja")
    refused(app, api("anna"), case, {"event": "withdraw", "version": case["version"]}, 409,
            "The event withdraw is not possible while the case is resolved.")


def _resolved_at(app, api, when: datetime) -> int:
    case = api("lene").fire(api("anna").submit(), "accept")
    with app.app_context():
        lene = db.session.query(Person).filter_by(email="lene@example.dk").one()
        fire_event(db.session, engines(), lene, case["id"], "resolve", case["version"],
                   {"answer": "Ja"}, now=when)
    return case["id"]


def _reopen(app, case_id: int, when: datetime):
    with app.app_context():
        anna = db.session.query(Person).filter_by(email="anna@example.dk").one()
        case = fire_event(db.session, engines(), anna, case_id, "reopen", 3, {"comment": "Ikke løst"},
                          now=when)
        return case.state, case.holder.key, case.closed_at, case.version


def test_the_submitter_reopens_within_the_window(app, api):
    closed = datetime(2025, 3, 1, 12, tzinfo=UTC)
    case_id = _resolved_at(app, api, closed)
    state, holder, closed_at, version = _reopen(app, case_id, closed + timedelta(days=30))
    assert (state, holder, closed_at, version) == ("submitted", "lok-skole", None, 4)


def test_reopen_after_the_window_is_refused_and_writes_nothing(app, api):
    closed = datetime(2025, 3, 1, 12, tzinfo=UTC)
    case_id = _resolved_at(app, api, closed)
    before = snapshot(app, case_id)
    with pytest.raises(NotPossible) as refused_:
        _reopen(app, case_id, closed + timedelta(days=30, seconds=1))
    assert str(refused_.value) == "The case can only be reopened within 30 days after it was closed."
    assert snapshot(app, case_id) == before


def test_reopen_after_the_window_is_a_conflict_through_the_api(app, api):
    case_id = _resolved_at(app, api, datetime.now(UTC) - timedelta(days=31))
    case = api("anna").get(f"/cases/{case_id}").get_json()
    assert case["actions"] == []
    refused(app, api("anna"), case, {"event": "reopen", "version": case["version"], "comment": "Igen"},
            409, "The case can only be reopened within 30 days after it was closed.")


def test_only_the_submitter_may_reopen(app, api):
    case_id = _resolved_at(app, api, datetime.now(UTC))
    case = api("lene").get(f"/cases/{case_id}").get_json()
    refused(app, api("lene"), case, {"event": "reopen", "version": case["version"], "comment": "Igen"},
            403, "You may not reopen this case.")
