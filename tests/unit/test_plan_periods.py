"""Plan periods as the plans write them: every shape parses, prints back and maps to its dates."""

from __future__ import annotations

from datetime import date

import pytest

from medflow.domain.plan_periods import PeriodError, last_day, parse, quarters_of
from medflow.domain.plan_timeline import is_overdue, timeline

PLAN = (2013, 2014)


@pytest.mark.parametrize(
    ("text", "printed", "first", "last"),
    [
        ("4. kvt. 2013", "4. kvt. 2013", date(2013, 10, 1), date(2013, 12, 31)),
        ("1. kvt. 2014", "1. kvt. 2014", date(2014, 1, 1), date(2014, 3, 31)),
        ("3-4. kvt. 2014", "3-4. kvt. 2014", date(2014, 7, 1), date(2014, 12, 31)),
        ("3.-4. kvartal 2014", "3-4. kvt. 2014", date(2014, 7, 1), date(2014, 12, 31)),
        ("1. halvår 2014", "1. halvår 2014", date(2014, 1, 1), date(2014, 6, 30)),
        ("2. Halvår  2013", "2. halvår 2013", date(2013, 7, 1), date(2013, 12, 31)),
        ("efterår 2014", "efterår 2014", date(2014, 9, 1), date(2014, 11, 30)),
        ("Forår 2014", "forår 2014", date(2014, 3, 1), date(2014, 5, 31)),
        ("2013-2014", "2013-2014", date(2013, 1, 1), date(2014, 12, 31)),
        ("2014", "2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("hele planperioden", "hele planperioden", date(2013, 1, 1), date(2014, 12, 31)),
    ],
)
def test_every_shape_of_period_parses_prints_back_and_has_its_dates(text, printed, first, last):
    period = parse(text)
    assert period.text() == printed
    assert parse(printed) == period
    assert period.dates(PLAN) == (first, last)


@pytest.mark.parametrize(
    "text",
    ["5. kvt. 2014", "4-3. kvt. 2014", "sommer 2014", "2015-2014", "3. halvår 2014", "kvt. 2014", "", "1850"],
)
def test_a_text_that_is_no_period_is_refused_with_the_shapes_named(text):
    with pytest.raises(PeriodError):
        parse(text)


def test_the_whole_plan_period_needs_the_plans_years():
    with pytest.raises(PeriodError):
        parse("hele planperioden").dates(None)


def test_quarters_of_a_season_and_of_a_range():
    assert quarters_of(parse("efterår 2014")) == [(2014, 3), (2014, 4)]
    assert quarters_of(parse("2013-2014")) == [(2013, q) for q in range(1, 5)] + [
        (2014, q) for q in range(1, 5)
    ]


def test_overdue_is_open_with_its_last_period_ended_and_a_past_period_of_a_done_initiative_is_history():
    two = [parse("4. kvt. 2013"), parse("1. kvt. 2014")]
    assert last_day(two) == date(2014, 3, 31)
    assert is_overdue("under_way", two, date(2014, 4, 1), PLAN)
    assert not is_overdue("under_way", two, date(2014, 3, 31), PLAN)
    assert not is_overdue("done", two, date(2020, 1, 1), PLAN)
    assert not is_overdue("dropped", two, date(2020, 1, 1), PLAN)
    assert not is_overdue("planned", [], date(2020, 1, 1), PLAN)


def test_the_timeline_spans_the_plan_by_quarter_and_marks_what_is_late():
    items = [
        ("1.1 Handleplaner", 1, "under_way", [parse("4. kvt. 2013"), parse("1. kvt. 2014")]),
        ("1.2 Temadag", 2, "planned", [parse("efterår 2014")]),
        ("1.3 Uden dato", 3, "planned", []),
    ]
    found = timeline(items, PLAN, date(2014, 6, 1))
    assert found.quarter_labels()[0] == "1. kvt. 2013" and found.quarter_labels()[-1] == "4. kvt. 2014"
    assert [r.key for r in found.rows] == [1, 2]  # no period: not on the timeline
    assert found.rows[0].active == (False, False, False, True, True, False, False, False)
    assert found.rows[1].active == (False,) * 6 + (True, True)
    assert [r.overdue for r in found.rows] == [True, False]
