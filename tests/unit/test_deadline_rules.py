"""The workflow schema's deadline keys are validated strictly, with file and line."""

from __future__ import annotations

import pytest

from medflow.domain.loader import load_workflows, parse_workflow
from medflow.domain.yamlsource import load_text
from tests.factories import problems_in

WORKFLOW = """\
name: demo
initial: new
states:
  - {name: new, deadline_days: 5, remind_before_days: 2, escalate: forward}
  - {name: done, final: true}
transitions:
  - {trigger: finish, source: new, dest: done, roles: [chair]}
  - {trigger: forward, source: new, dest: new, roles: [chair], route: parent}
"""


def problems(text: str) -> list[str]:
    """Return the problems of a workflow file as 'demo.yaml:line: message'."""
    return problems_in(parse_workflow, text, "demo.yaml")


def test_a_valid_deadline_rule_is_parsed():
    wf = parse_workflow(load_text(WORKFLOW, "demo.yaml"), "demo.yaml")
    state = wf.state("new")
    assert (state.deadline_days, state.remind_before_days, state.escalate) == (5, 2, "forward")
    assert wf.remind_days("new") == 2 and wf.remind_days("done") is None


@pytest.mark.parametrize(("old", "new", "message"), [
    ("escalate: forward}", "escalate: upward}", "demo.yaml:4: state 'new': unknown escalate 'upward'"),
    ("deadline_days: 5, remind_before_days: 2", "remind_before_days: 2",
     "demo.yaml:4: state 'new': remind_before_days needs deadline_days"),
    ("remind_before_days: 2", "remind_before_days: 5",
     "demo.yaml:4: state 'new': remind_before_days must be less than deadline_days"),
    ("remind_before_days: 2", "remind_before_days: soon",
     "demo.yaml:4: state 'new': remind_before_days must be a positive whole number"),
    (", route: parent}", "}",
     "demo.yaml:4: state 'new': escalate: forward needs an event with 'route: parent'"),
    ("{name: done, final: true}", "{name: done, final: true, escalate: forward}",
     "demo.yaml:5: state 'done': escalate needs deadline_days or deadline_workdays on a state that is not "
     "final"),
])
def test_bad_deadline_rules_are_reported_with_file_and_line(old, new, message):
    assert any(p.startswith(message) for p in problems(WORKFLOW.replace(old, new)))


def test_shipped_workflows_including_cascade_pass_the_check():
    from pathlib import Path

    found = load_workflows(Path(__file__).resolve().parents[2] / "workflows")
    assert {"cascade", "question", "work_environment"} <= set(found)
    assert found["question"].state("submitted").escalate == "forward"


def test_a_deadline_in_working_days_is_parsed_and_may_carry_reminder_and_escalation():
    text = WORKFLOW.replace("deadline_days: 5", "deadline_workdays: 5")
    state = parse_workflow(load_text(text, "demo.yaml"), "demo.yaml").state("new")
    assert (state.deadline_days, state.deadline_workdays, state.has_deadline) == (None, 5, True)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("deadline_days: 5", "deadline_days: 5, deadline_workdays: 4",
     "demo.yaml:4: state 'new': set deadline_days or deadline_workdays, not both"),
    ("deadline_days: 5", "deadline_workdays: -3",
     "demo.yaml:4: state 'new': deadline_workdays must be a positive whole number"),
    ("deadline_days: 5", "deadline_days: -3",
     "demo.yaml:4: state 'new': deadline_days must be a positive whole number"),
    ("deadline_days: 5", "deadline_workdays: 2",
     "demo.yaml:4: state 'new': remind_before_days must be less than deadline_workdays"),
])
def test_bad_working_day_deadlines_are_reported_with_file_and_line(old, new, message):
    assert any(p.startswith(message) for p in problems(WORKFLOW.replace(old, new)))
