"""The history is append-only, and replaying it gives the case's current state and holder."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select, update

from medflow.extensions import db
from medflow.persistence.cases import HistoryIsAppendOnly
from medflow.persistence.models import Case, CaseEvent, Committee, Person
from medflow.services.cases import fire_event
from medflow.workflows import engines
from tests.factories import snapshot


def _history_rows(app, case_id):
    with app.app_context():
        rows = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                                  .order_by(CaseEvent.seq)).all()
        result = [(r.seq, r.event, r.comment, r.to_state) for r in rows]
        db.session.remove()
        return result


def _change_a_row(session, how: str) -> None:
    if how == "edit":
        session.scalars(select(CaseEvent)).first().comment = "Omskrevet"
        session.flush()
    elif how == "delete":
        session.delete(session.scalars(select(CaseEvent)).first())
        session.flush()
    elif how == "bulk-update":
        session.execute(update(CaseEvent).values(comment="Omskrevet"))
    else:
        session.execute(delete(CaseEvent))


@pytest.mark.parametrize("how", ["edit", "delete", "bulk-update", "bulk-delete"])
def test_history_rows_cannot_be_changed_or_deleted(app, api, how):
    case = api("lene").fire(api("lene").fire(api("anna").submit(), "accept"), "forward", comment="Op")
    before, rows = snapshot(app, case["id"]), _history_rows(app, case["id"])
    with app.app_context():
        with pytest.raises(HistoryIsAppendOnly):
            _change_a_row(db.session, how)
        db.session.rollback()
    assert (snapshot(app, case["id"]), _history_rows(app, case["id"])) == (before, rows)


def _replay(history: list[dict]) -> tuple[str, str]:
    """Fold the history into (state, holder), checking every row starts where the last one ended."""
    state = holder = None
    for seq, row in enumerate(history, start=1):
        assert row["seq"] == seq
        assert (row["from_state"], row["from_committee"]) == (state, holder)
        state, holder = row["to_state"], row["to_committee"]
    return state, holder


def test_after_a_long_journey_the_case_equals_the_replay_of_its_history(app, api):
    case = api("lene").fire(api("anna").submit(), "accept")
    case = api("tove").fire(case, "schedule", meeting_date="2025-05-01")
    case = api("lene").fire(case, "forward", comment="Op til området")
    case = api("ole").fire(case, "refer", comment="Tilbage igen")
    case = api("lene").fire(api("lene").fire(case, "accept"), "forward", comment="Op igen")
    case = api("ole").fire(api("ole").fire(case, "accept"), "forward", comment="Til toppen")
    case = api("kim").fire(case, "refer", comment="Dagtilbud", target="lok-dagtilbud")
    case = api("dora").fire(api("dora").fire(case, "accept"), "resolve", answer="Svar", outcome="information")
    case = api("anna").fire(case, "reopen", comment="Ikke løst")
    case = api("dora").fire(api("dora").fire(case, "accept"), "resolve", answer="Nyt svar")
    stored = api("anna").get(f"/cases/{case['id']}").get_json()
    assert len(stored["history"]) == 15
    assert _replay(stored["history"]) == (stored["state"], stored["holder"]) == ("resolved", "lok-dagtilbud")
    assert (stored["answer"], stored["outcome"], stored["version"]) == ("Nyt svar", "discussion", 15)


def test_fire_event_commits_the_state_change_and_the_history_row_together(app, api):
    case = api("lene").fire(api("anna").submit(), "accept")
    with app.app_context():
        lene = db.session.scalar(select(Person).where(Person.email == "lene@example.dk"))
        later = datetime.now(UTC) + timedelta(hours=1)
        fire_event(db.session, engines(), lene, case["id"], "forward", case["version"],
                   {"comment": "Op"}, now=later)
        db.session.remove()
        stored = db.session.get(Case, case["id"])
        last = stored.history[-1]
        area = db.session.scalar(select(Committee).where(Committee.key == "omr-born"))
        assert (stored.holder_id, stored.updated_at, last.to_committee_id, last.created_at) == (
            area.id, later, area.id, later)
