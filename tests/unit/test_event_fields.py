"""The field rules of events on their own: required, ignored, dates, choices and lengths."""

from __future__ import annotations

from datetime import date

import pytest

from medflow.domain.errors import Invalid
from medflow.domain.fields import clean_event_fields
from medflow.domain.limits import TEXT_MAX
from tests.helpers.engines import ENGINES

QUESTION = ENGINES["question"].definition
WORK = ENGINES["work_environment"].definition


def transition(definition, event: str, state: str):
    """Return the definition's transition for `event` from `state`."""
    return definition.transition_from(event, state)


def test_a_resolve_gets_the_default_outcome_and_ignores_fields_it_does_not_take():
    cleaned = clean_event_fields(transition(QUESTION, "resolve", "accepted"),
                                 {"answer": "  Ja.  ", "target": "omr-born", "risk_level": "high"})
    assert cleaned == {"answer": "Ja.", "outcome": "discussion"}


def test_a_missing_required_field_is_named():
    with pytest.raises(Invalid, match="reject: comment, redirect"):
        clean_event_fields(transition(QUESTION, "reject", "submitted"), {"comment": "  "})


@pytest.mark.parametrize(("fields", "message"), [
    ({"meeting_date": "1. marts"}, "meeting_date must be a date"),
    ({"meeting_date": ["2027-03-01"]}, "meeting_date must be text"),
])
def test_a_bad_date_is_refused_naming_the_field(fields, message):
    with pytest.raises(Invalid, match=message):
        clean_event_fields(transition(QUESTION, "schedule", "accepted"), fields)


def test_a_date_is_parsed():
    cleaned = clean_event_fields(transition(QUESTION, "schedule", "accepted"), {"meeting_date": "2027-03-01"})
    assert cleaned == {"meeting_date": date(2027, 3, 1)}


def test_a_choice_outside_the_list_is_refused():
    with pytest.raises(Invalid, match="outcome must be one of: information, discussion"):
        clean_event_fields(transition(QUESTION, "resolve", "accepted"), {"answer": "Ja", "outcome": "maybe"})
    with pytest.raises(Invalid, match="risk_level must be one of: low, medium, high"):
        clean_event_fields(transition(WORK, "assess", "accepted"), {"comment": "x", "risk_level": "huge"})


def test_text_over_the_limit_is_refused():
    too_long = "x" * (TEXT_MAX["answer"] + 1)
    with pytest.raises(Invalid, match="answer may be at most 10000 characters"):
        clean_event_fields(transition(QUESTION, "resolve", "accepted"), {"answer": too_long})


def test_a_refer_takes_a_target_and_an_action_plan_needs_all_five_fields():
    fields = {"comment": "Ned", "target": "lok-skole"}
    assert clean_event_fields(transition(QUESTION, "refer", "accepted"), fields) == fields
    with pytest.raises(Invalid, match="owner, due_date, effect_check"):
        clean_event_fields(transition(WORK, "plan", "assessed"), {"problem": "Støj", "solution": "Dæmpning"})
