"""The plan file: both shipped plans read, an export reads back the same, every problem has file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.plan_file import dump_plan, parse_plan

PLANS = Path(__file__).resolve().parents[2] / "workflows" / "plans"
BAD = """\
title: Strategiplan
period: 2013-2014
colour: blå
subjects:
  - title: Trivsel
    goals:
      - {a: b}
    initiatives:
      - text: Temadag
        periods: ["sommer 2014"]
      - text: Seniorpolitik
        status: waiting
      - text: Noget
        status: maybe
  - intro: uden titel
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_plan(text, "plan.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("name", ["kommunemed-2013-2014.yaml", "hovedudvalg.yaml"])
def test_both_shipped_plans_read_and_write_back_to_the_same_plan(name):
    path = PLANS / name
    spec = parse_plan(path.read_text(encoding="utf-8"), str(path))
    assert len(spec.subjects) == 3
    assert parse_plan(dump_plan(spec), "again.yaml") == spec


def test_the_kommunemed_plan_has_its_periods_and_the_hovedudvalg_plan_none():
    kommune = parse_plan((PLANS / "kommunemed-2013-2014.yaml").read_text(encoding="utf-8"), "k.yaml")
    periods = {p.text() for s in kommune.subjects for i in s.initiatives for p in i.periods}
    assert {"4. kvt. 2013", "3-4. kvt. 2014", "efterår 2014", "2013-2014"} <= periods
    assert kommune.years == (2013, 2014) and kommune.committee == "kommunemed"
    hoved = parse_plan((PLANS / "hovedudvalg.yaml").read_text(encoding="utf-8"), "h.yaml")
    assert hoved.vision and hoved.years is None and hoved.committee is None
    assert all(not i.periods for s in hoved.subjects for i in s.initiatives)
    assert all(len(s.initiatives) == 3 for s in hoved.subjects)


def test_every_problem_is_reported_with_file_and_line():
    assert _problems(BAD) == [
        "plan.yaml:1: plan: unknown key 'colour'",
        "plan.yaml:7: subject 1, goal 1: a goal is a line of text",
        "plan.yaml:10: subject 1, initiative 1: 'sommer 2014' is not a period; write e.g. '4. kvt. 2013', "
        "'3-4. kvt. 2014', '1. halvår 2014', 'efterår 2014', '2013-2014', '2014' or 'hele planperioden'",
        "plan.yaml:11: subject 1, initiative 2: status 'waiting' needs 'decision': which decision it waits for",
        "plan.yaml:13: subject 1, initiative 3: status 'maybe' is not one of planned, under_way, waiting, "
        "done, dropped",
        "plan.yaml:15: subject 2: 'title' is required",
    ]


def test_a_yaml_syntax_error_and_a_plan_without_subjects_are_refused():
    assert _problems("title: [x\n")[0].startswith("plan.yaml:")
    assert _problems("title: Plan\n") == ["plan.yaml:1: plan: 'subjects' must list at least one subject"]
    assert _problems(
        "title: P\nsubjects:\n  - title: T\n    initiatives:\n      - text: X\n"
        "        periods: hele planperioden\n"
    ) == [
        "plan.yaml:5: subject 1, initiative 1: 'hele planperioden' needs the plan's period (period: 2013-2014)"
    ]
