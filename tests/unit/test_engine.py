"""The engine on its own: which events each workflow allows, to whom, and why it refuses the rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from medflow.domain.engine import unavailable_events
from medflow.domain.errors import Invalid, NotAllowed, NotPossible
from medflow.domain.guards import GUARDS, FireContext
from tests.helpers.engines import ENGINES

NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)
CHAIR, AMR, SUBMITTER, MEMBER = {"chair"}, {"amr"}, {"submitter"}, {"member"}
MIDDLE = FireContext(now=NOW)  # a committee with one above and some below
ABOVE = FireContext(now=NOW, above_workplace=True)  # a committee the case was sent up to
CLOSED_YESTERDAY = FireContext(now=NOW, closed_at=NOW - timedelta(days=1))


@pytest.mark.parametrize(("workflow", "state", "roles", "events"), [
    ("question", "submitted", CHAIR, ["accept", "forward", "refer", "reject"]),
    ("question", "accepted", CHAIR, ["schedule", "resolve", "forward", "refer", "reject"]),
    ("question", "scheduled", CHAIR, ["schedule", "unschedule", "resolve", "forward", "refer"]),
    ("question", "submitted", SUBMITTER, ["withdraw"]),
    ("question", "accepted", MEMBER, []),
    ("question", "resolved", CHAIR, []),
    ("work_environment", "reported", AMR, ["accept", "forward", "reject"]),
    ("work_environment", "accepted", AMR, ["schedule", "assess", "forward", "reject"]),
    ("work_environment", "assessed", AMR, ["schedule", "assess", "plan", "resolve", "forward"]),
    ("work_environment", "action_plan", AMR, ["schedule", "plan", "follow_up", "resolve", "forward"]),
    ("work_environment", "assessed", {"secretary"}, ["schedule", "resolve", "forward", "refer"]),
    ("cascade", "received", {"member"}, []),
])
def test_each_workflow_allows_these_events_to_these_roles(workflow, state, roles, events):
    assert ENGINES[workflow].allowed_events(state, roles, MIDDLE) == events


def test_a_work_environment_case_is_taken_off_the_agenda_only_while_it_is_on_one():
    on_agenda = FireContext(now=NOW, on_agenda=True)
    assert "unschedule" in ENGINES["work_environment"].allowed_events("assessed", AMR, on_agenda)
    with pytest.raises(NotPossible, match="not on the agenda"):
        ENGINES["work_environment"].fire("assessed", "unschedule", AMR, MIDDLE)


@pytest.mark.parametrize(("state", "event", "dest"), [
    ("submitted", "accept", "accepted"), ("accepted", "forward", "submitted"),
    ("accepted", "resolve", "resolved"), ("submitted", "reject", "rejected"),
    ("scheduled", "schedule", "scheduled"), ("submitted", "refer", "submitted"),
])
def test_a_chair_moves_a_question_to_the_next_state(state, event, dest):
    assert ENGINES["question"].fire(state, event, CHAIR, MIDDLE) == dest


def test_work_environment_schedule_keeps_the_state():
    assert ENGINES["work_environment"].fire("assessed", "schedule", AMR, MIDDLE) == "assessed"


@pytest.mark.parametrize(("state", "event", "roles", "error"), [
    ("submitted", "launch", CHAIR, Invalid),
    ("resolved", "accept", CHAIR, NotPossible),
    ("submitted", "accept", MEMBER, NotAllowed),
    ("submitted", "accept", SUBMITTER, NotAllowed),
    ("accepted", "withdraw", CHAIR, NotAllowed),
])
def test_the_engine_refuses_with_the_reason(state, event, roles, error):
    with pytest.raises(error):
        ENGINES["question"].fire(state, event, roles, MIDDLE)


def test_the_top_committee_cannot_forward_and_the_guard_says_why():
    top = FireContext(now=NOW, has_parent=False)
    assert "forward" not in ENGINES["question"].allowed_events("accepted", CHAIR, top)
    with pytest.raises(NotPossible, match="already at the top"):
        ENGINES["question"].fire("accepted", "forward", CHAIR, top)


def test_a_committee_with_none_below_cannot_refer():
    bottom = FireContext(now=NOW, can_refer=False)
    with pytest.raises(NotPossible, match="no committee below"):
        ENGINES["question"].fire("submitted", "refer", CHAIR, bottom)


@pytest.mark.parametrize(("closed_days_ago", "allowed"), [(1, True), (30, True), (31, False)])
def test_the_submitter_may_reopen_only_within_the_window(closed_days_ago, allowed):
    ctx = FireContext(now=NOW, closed_at=NOW - timedelta(days=closed_days_ago), reopen_days=30)
    assert ("reopen" in ENGINES["question"].allowed_events("resolved", SUBMITTER, ctx)) is allowed
    if allowed:
        assert ENGINES["question"].fire("resolved", "reopen", SUBMITTER, ctx) == "submitted"
    else:
        with pytest.raises(NotPossible, match="30 days"):
            ENGINES["question"].fire("resolved", "reopen", SUBMITTER, ctx)


def test_guards_needed_names_only_the_guards_the_event_checks():
    question = ENGINES["question"]
    assert question.guards_needed("accepted", "resolve") == frozenset()
    assert question.guards_needed("accepted", "forward") == {"has_parent"}
    assert question.guards_needed("accepted", roles=CHAIR) == {"has_parent", "can_refer"}
    assert question.guards_needed("resolved", roles=SUBMITTER) == {"within_reopen_window"}


def test_every_final_state_allows_nothing_but_reopen():
    for engine in ENGINES.values():
        for state in engine.definition.states:
            if state.final:
                events = engine.allowed_events(state.name, {"chair", "submitter", "amr"}, CLOSED_YESTERDAY)
                assert set(events) <= {"reopen"}, (engine.definition.name, state.name)


def test_a_committee_above_the_workplace_answers_without_an_assessment():
    engine = ENGINES["work_environment"]
    assert engine.allowed_events("accepted", {"secretary"}, ABOVE) == [
        "schedule", "resolve", "forward", "refer", "reject"]
    assert engine.fire("accepted", "resolve", {"secretary"}, ABOVE) == "closed"


def test_only_the_workplace_committee_assesses_and_plans():
    engine = ENGINES["work_environment"]
    assert "assess" not in engine.allowed_events("accepted", CHAIR, ABOVE)
    with pytest.raises(NotPossible, match="workplace's own committee assesses"):
        engine.fire("accepted", "assess", CHAIR, ABOVE)
    with pytest.raises(NotPossible, match="closed after a risk assessment"):
        engine.fire("accepted", "resolve", CHAIR, MIDDLE)


def test_the_case_page_says_why_a_workplace_event_waits_above_the_workplace():
    engine = ENGINES["work_environment"]
    waiting = {u.event: u for u in unavailable_events(engine, "accepted", AMR, ABOVE)}
    assert waiting["plan"].guard is GUARDS["at_workplace"]
    assert waiting["assess"].guard is GUARDS["at_workplace"]
    at_home = {u.event: u for u in unavailable_events(engine, "accepted", AMR, MIDDLE)}
    assert at_home["plan"].needs_states == ("assessed", "action_plan")
    assert at_home["resolve"].needs_states == ("assessed", "action_plan", "follow_up")


def test_the_case_page_asks_for_the_level_of_later_events():
    assert "at_workplace" in ENGINES["work_environment"].guards_needed("reported", roles=AMR)
