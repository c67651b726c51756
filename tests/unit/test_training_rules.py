"""Who needs which course by when: the statutory training within three months, the supplementary yearly."""

from __future__ import annotations

from datetime import date

from medflow.domain.training import add_months, needs, statutory_missing
from medflow.domain.training_csv import course_key, parse_day

TODAY = date(2026, 12, 5)


def _status(found) -> dict[str, str]:
    return {n.course: n.status for n in found}


def test_statutory_training_is_due_in_the_first_three_months_then_missing():
    assert _status(needs({"amr"}, False, date(2026, 10, 1), {}, TODAY))["statutory"] == "due"
    late = needs({"amr"}, False, date(2026, 8, 1), {}, TODAY)
    assert _status(late)["statutory"] == "missing" and statutory_missing(late)
    assert not statutory_missing(
        needs({"amr"}, False, date(2026, 8, 1), {"statutory": [date(2026, 9, 1)]}, TODAY)
    )


def test_supplementary_training_is_yearly_from_the_year_after_the_statutory_one():
    taken = {"statutory": [date(2025, 3, 1)]}
    assert _status(needs({"amr"}, False, date(2025, 1, 1), taken, TODAY))["supplementary"] == "due"
    taken["supplementary"] = [date(2026, 5, 1)]
    assert _status(needs({"amr"}, False, date(2025, 1, 1), taken, TODAY))["supplementary"] == "done"
    assert "supplementary" not in _status(needs({"amr"}, False, None, {"statutory": [date(2026, 2, 1)]}, TODAY))


def test_members_outside_the_work_environment_organisation_need_med_training_and_the_top_its_course():
    found = _status(needs({"member"}, True, date(2026, 6, 1), {"med": [date(2026, 7, 1)]}, TODAY))
    assert found == {"med": "done", "kommune_med": "due"}
    assert _status(needs({"chair"}, False, None, {}, TODAY)) == {"med": "missing"}  # start unknown


def test_months_are_added_to_the_last_day_when_the_month_is_shorter_and_files_name_courses_in_danish():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert course_key("Den lovpligtige arbejdsmiljøuddannelse") == "statutory" and course_key("Yoga") is None
    assert parse_day("14.03.2026") == parse_day("2026-03-14") == date(2026, 3, 14)
    assert parse_day("31-02-2026") is None
