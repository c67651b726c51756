"""Key figures in the domain: working days, the computed percentages, the CSV checks and the small-unit rule."""

from __future__ import annotations

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.figures import Total, absence_percent, hidden, over_dimensions, over_time, working_days
from medflow.domain.figures_csv import parse_figures_csv


def test_working_days_leave_out_weekends_holidays_and_the_days_the_town_hall_closes():
    assert working_days(2026, 2) == 20  # 1 Feb is a Sunday: four full weeks, no holiday
    assert working_days(2026, 5) == 19  # 21 weekdays less Kristi himmelfartsdag (14) and 2. pinsedag (25)
    assert working_days(2025, 12) == 19  # 23 weekdays less 24, 25, 26 and 31 December


def test_sickness_absence_is_days_over_fte_times_working_days():
    assert absence_percent(12, 10, 2026, 2) == pytest.approx(6.0)  # 12 / (10 × 20)
    assert absence_percent(9.5, 5, 2026, 5) == pytest.approx(10.0)  # 9.5 / (5 × 19)
    assert absence_percent(3, 0, 2026, 2) is None


def test_a_year_adds_the_months_counts_and_averages_the_people():
    feb, may = Total(12, 200, 10), Total(9.5, 95, 5)
    year = over_time([feb, may])
    assert year.value("sickness") == pytest.approx(100 * 21.5 / 295)  # 7.29 %, not the mean of 6 and 10
    assert year.base == 7.5 and not year.small


def test_a_survey_weighs_answers_and_the_fewest_answers_decide_privacy():
    joined = over_dimensions([Total(70 * 10, 10, 10), Total(50 * 4, 4, 4)])
    assert joined.value("wellbeing") == pytest.approx(900 / 14)
    assert joined.small


def test_one_small_unit_hides_the_next_smallest_too_so_it_cannot_be_subtracted():
    big, middle, small = Total(1, 1, 40), Total(1, 1, 8), Total(1, 1, 3)
    assert hidden([big, middle, small]) == {1, 2}
    assert hidden([big, middle]) == set()
    assert hidden([big, small, Total(1, 1, 2)]) == {1, 2}  # two small ones hide each other
    assert hidden([big, None, small]) == {0, 2}  # a unit without figures is neither


def problems(text: str, kind: str) -> list[str]:
    parsed = parse_figures_csv(text, "f.csv", kind)
    return [str(p) for p in parsed.problems]


def test_every_bad_line_is_reported_with_its_line():
    text = ("workplace,year,month,absence_days,fte\n"
            "lok-skole,2026,13,2,10\n"
            "lok-skole,2026,2,mange,10\n"
            "lok-skole,20x6,2,1,10\n"
            ",2026,2,1,10\n"
            "lok-skole,2026,2,500,10\n"
            "lok-skole,2026,2,-1,10\n")
    assert problems(text, "sickness") == [
        "f.csv:2: month '13' must be a whole number from 1 to 12",
        "f.csv:3: absence_days 'mange' is not a number of zero or more",
        "f.csv:4: year '20x6' must be a whole number from 2000 to 2100",
        "f.csv:5: give a workplace (committee key) or a cost-centre code",
        "f.csv:6: 500 absence days are more than 10 FTE × 20 working days",
        "f.csv:7: absence_days '-1' is not a number of zero or more",
    ]


def test_danish_headers_semicolons_a_bom_and_decimal_commas_are_read():
    text = "\ufeffArbejdssted;Omkostningssted;År;Måned;Fraværsdage;Årsværk\n;4400;2026;2;12,5;10\n"
    parsed = parse_figures_csv(text, "f.csv", "sickness")
    assert parsed.problems == ()
    assert parsed.rows[0].workplace == "4400" and parsed.rows[0].values == {"days": 12.5, "fte": 10.0}


def test_counts_must_be_whole_and_a_risk_row_without_month_is_the_whole_year():
    assert problems("Arbejdssted;År;Indberetninger\nlok-skole;2026;2,5\n", "risk") == [
        "f.csv:2: Indberetninger '2,5' is not a whole number of zero or more"]
    row = parse_figures_csv("Arbejdssted;År;Indberetninger\nlok-skole;2026;7\n", "f.csv", "risk").rows[0]
    assert row.month == 0 and row.values == {"reports": 7.0}


def test_a_header_without_the_kinds_columns_is_refused_on_line_1():
    with pytest.raises(DefinitionError) as error:
        parse_figures_csv("Arbejdssted;År;Fratrådte\nlok-skole;2026;1\n", "f.csv", "sickness")
    assert str(error.value.problems[0]).startswith(
        "f.csv:1: the header must name the columns year, month, days, fte and workplace or cost_centre, "
        "for example Arbejdssted;År;Måned;Fraværsdage;Årsværk")
