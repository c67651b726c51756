"""Lists come a page at a time: Mine sager, a committee's cases (API) and notifications, with cursors."""

from __future__ import annotations

import re

import pytest

CASE_ROWS = re.compile(r'<td data-label="Sag"><a href="/cases/(\d+)"')


@pytest.fixture
def small_pages(app):
    """Make every list's page hold 3 items, so a few cases fill more than one page."""
    app.config.update(PAGE_SIZE=3, NOTIFICATION_PAGE_SIZE=3)


def _next_link(html: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_mine_sager_shows_a_page_and_a_link_to_older_cases(small_pages, pages, api):
    ids = [api("anna").submit(title=f"Sag {n}")["id"] for n in range(5)]
    anna = pages("anna")
    first = anna.get("/cases").text
    assert [int(i) for i in CASE_ROWS.findall(first)] == ids[::-1][:3]
    older = anna.get(_next_link(first)).text
    assert [int(i) for i in CASE_ROWS.findall(older)] == ids[::-1][3:]
    assert _next_link(older) is None and "Nyeste" in older


def test_a_committees_cases_page_on_with_the_cursor_and_still_by_page_number(small_pages, api):
    ids = [api("anna").submit(title=f"Sag {n}")["id"] for n in range(7)]
    lene, seen, after = api("lene"), [], ""
    while True:
        body = lene.get(f"/committees/lok-skole/cases{after}").get_json()
        assert len(body["cases"]) <= 3 and body["total"] == 7 and body["page_size"] == 3
        seen += [c["id"] for c in body["cases"]]
        if body["next_after"] is None:
            break
        after = f"?after={body['next_after']}"
    assert seen == ids[::-1]
    by_number = lene.get("/committees/lok-skole/cases?page=2").get_json()
    assert [c["id"] for c in by_number["cases"]] == ids[::-1][3:6]
    assert by_number["next_after"] is not None


def test_a_cursor_that_is_not_one_is_refused_naming_the_field(api):
    response = api("lene").get("/committees/lok-skole/cases?after=yesterday")
    assert response.status_code == 400
    assert "after" in response.get_json()["error"]
    assert api("lene").get("/notifications?after=1~x").status_code == 400


def test_notifications_come_a_page_at_a_time_newest_first(small_pages, pages, api):
    for n in range(4):
        api("anna").submit(title=f"Sag {n}")
    first = api("lene").get("/notifications").get_json()
    assert len(first["notifications"]) == 3 and first["unread"] == 4
    rest = api("lene").get(f"/notifications?after={first['next_after']}").get_json()
    assert len(rest["notifications"]) == 1 and rest["next_after"] is None
    page = pages("lene").get("/notifications").text
    assert page.count('<li class="unread">') == 3 and _next_link(page) is not None
