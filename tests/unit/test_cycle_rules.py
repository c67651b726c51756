"""The annual cycle's date arithmetic: periods, every N years, a year's end, placing within a period."""

from __future__ import annotations

from datetime import date

import pytest

from medflow.domain import cycle as rules
from medflow.domain.errors import Invalid

Q4 = rules.recurrence("quarter", quarter=4)
JANUARY = rules.recurrence("month", month="1")
APV = rules.recurrence("year", every_years=3, start_year=2025)
EACH = rules.recurrence("meeting")


def test_a_quarter_runs_from_its_first_to_its_last_day():
    period = rules.period_in(Q4, 2026)
    assert (period.start, period.end, period.key) == (date(2026, 10, 1), date(2026, 12, 31), "2026-Q4")
    assert date(2026, 11, 15) in period and date(2026, 9, 30) not in period


def test_a_month_ends_on_its_last_day_also_in_february_of_a_leap_year():
    feb = rules.recurrence("month", month=2)
    assert rules.period_in(feb, 2028).end == date(2028, 2, 29)
    assert rules.period_in(JANUARY, 2027).key == "2027-01"


def test_every_third_year_counts_from_the_start_year():
    assert [y for y in range(2024, 2032) if rules.runs_in(APV, y)] == [2025, 2028, 2031]
    assert rules.period_in(APV, 2027) is None
    assert rules.period_in(APV, 2028) == rules.Period(date(2028, 1, 1), date(2028, 12, 31), "2028")


def test_the_latest_ended_period_lies_across_the_year_end():
    assert rules.latest_ended(Q4, date(2027, 1, 5)).key == "2026-Q4"
    assert rules.latest_ended(Q4, date(2026, 12, 31)).key == "2025-Q4"  # the last day still counts
    assert rules.latest_ended(JANUARY, date(2027, 2, 1)).key == "2027-01"
    assert rules.latest_ended(APV, date(2027, 6, 1)).key == "2025"
    assert rules.latest_ended(EACH, date(2027, 6, 1)) is None


def test_an_item_lands_only_in_its_period_and_from_its_placed_month():
    assert rules.lands_on(Q4, date(2026, 10, 20)).key == "2026-Q4"
    assert rules.lands_on(Q4, date(2026, 10, 20), placed_month=11) is None
    assert rules.lands_on(Q4, date(2026, 11, 2), placed_month=11).key == "2026-Q4"
    assert rules.lands_on(Q4, date(2027, 1, 12)) is None
    assert rules.lands_on(JANUARY, date(2027, 1, 12)).key == "2027-01"
    assert rules.lands_on(APV, date(2027, 3, 1)) is None and rules.lands_on(APV, date(2028, 3, 1)).key == "2028"


def test_an_item_can_be_placed_within_its_period_only():
    assert rules.check_placement(Q4, "11") == 11
    assert rules.check_placement(Q4, "") is None
    with pytest.raises(Invalid, match="within its period"):
        rules.check_placement(Q4, 3)
    with pytest.raises(Invalid, match="within its period"):
        rules.check_placement(JANUARY, 1)  # a month has nothing to move within


@pytest.mark.parametrize("args", [
    {"kind": "weekly"}, {"kind": "month", "month": 13}, {"kind": "quarter", "quarter": "x"},
    {"kind": "year", "every_years": 3}, {"kind": "year", "every_years": 0}, {"kind": "year", "every_years": 2,
                                                                            "start_year": 1800},
])
def test_a_wrong_recurrence_is_refused_with_its_field(args):
    with pytest.raises(Invalid):
        rules.recurrence(**args)


def test_the_minutes_start_from_the_templates_sections():
    template = "Blev sidste års mål nået?\n\n- Samarbejdsform og mødeintervaller\nMål for næste år\n"
    assert rules.sections(template) == ["Blev sidste års mål nået?", "Samarbejdsform og mødeintervaller",
                                        "Mål for næste år"]
    assert rules.minutes_from(template).startswith("Blev sidste års mål nået?:\n\n\nSamarbejdsform")
    assert rules.minutes_from("") == ""


def test_an_item_each_quarter_has_four_periods_and_the_roll_up_counts_the_one_under_way():
    quarterly = rules.recurrence("quarterly")
    assert [p.key for p in rules.periods_in(quarterly, 2027)] == ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]
    assert rules.lands_on(quarterly, date(2027, 5, 3)).key == "2027-Q2"
    assert rules.latest_ended(quarterly, date(2027, 1, 5)).key == "2026-Q4"
    assert rules.counting_period(quarterly, date(2027, 5, 3)).key == "2027-Q2"
    assert rules.counting_period(Q4, date(2027, 1, 5)).key == "2026-Q4"  # Q4 2027 has not begun
