"""Integers from forms and query strings go through the API's parsing: a 400 naming the field, never a 500."""

from __future__ import annotations

import pytest

from tests.web.test_meetings_pages import people, planned  # noqa: F401  (fixture and helper)

TOO_BIG = "9223372036854775808"  # one past the largest 64-bit integer


def test_an_agenda_case_number_past_any_integer_is_refused_by_name(people):  # noqa: F811
    meeting_id = planned(people)
    response = people("sonja").post(f"/meetings/{meeting_id}/items",
                                    data={"case": TOO_BIG, "case_version": "1"})
    assert response.status_code == 400
    assert "case" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", [TOO_BIG, "-1", "²", "0"])
def test_an_audit_page_number_out_of_range_is_a_400(pages, value):
    response = pages("admin").get(f"/admin/audit?page={value}")
    assert response.status_code == 400
    assert "page" in response.get_data(as_text=True)


def test_an_inbox_page_number_past_any_integer_is_a_400(pages):
    response = pages("lene").get(f"/committees/lok-skole?page={TOO_BIG}")
    assert response.status_code == 400


def test_ordinary_page_numbers_still_work(pages):
    assert pages("admin").get("/admin/audit?page=2").status_code == 200
    assert pages("lene").get("/committees/lok-skole?page=1").status_code == 200
