"""The annual cycle in a browser, on a fixed autumn clock, at 1280 and 390 px.

KommuneMED's chair adds the annual work-environment discussion (4th quarter, with its minutes'
sections) and sends it down; a LokalMED chair finds it in the committee's cycle, marked as from
above, plans a meeting in November and sees it land on the agenda with its minutes begun.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot
from tests.e2e.test_minutes_by_level_in_browser import _Clock
from tests.e2e.test_phone_and_axe import DESK, PHONE, WIDER_THAN_SCREEN, _axe_problems, axe_tab  # noqa: F401
from tests.helpers.browser import fill_date

AUTUMN = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)  # Tuesday 3 November 2026, 10:00 in Copenhagen
TITLE = "Den årlige arbejdsmiljødrøftelse"
SECTIONS = "Blev sidste års mål nået?\nSamarbejdsform og mødeintervaller\nMål for næste år"


def send_down_the_annual_discussion(kim: Page) -> None:
    """Add the item to KommuneMED's cycle and publish it to the committees below."""
    kim.goto("/committees/kommunemed/cycle")
    form = kim.get_by_test_id("cycle-add")
    form.get_by_label("Overskrift").fill(TITLE)
    form.get_by_label("Hvornår punktet kommer igen").select_option("quarter")
    form.get_by_label("Kvartal (for et kvartal)").select_option("4")
    form.get_by_label("Referatets afsnit (ét pr. linje)").fill(SECTIONS)
    form.get_by_role("button", name="Føj til årshjulet").click()
    expect(kim.locator(".flash-success")).to_contain_text(TITLE)
    kim.locator("details.cycle-item", has_text=TITLE).locator("summary").click()
    kim.get_by_test_id("cycle-publish").click()
    expect(kim.get_by_test_id("cycle-rollup")).to_contain_text("LokalMED Skole")
    expect(kim.get_by_test_id("cycle-rollup").locator("tr[data-state=due]")).to_have_count(5)


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["1280", "390"])
def test_a_lokalmed_chair_plans_a_meeting_and_the_annual_discussion_lands_on_it(axe_tab, monkeypatch, size):  # noqa: F811
    monkeypatch.setattr("medflow.persistence.base.datetime", _Clock)  # medflow's clock, the server's too
    monkeypatch.setattr(_Clock, "at", AUTUMN)
    name = str(size["width"])
    kim = axe_tab("kim")
    kim.set_viewport_size(size)
    send_down_the_annual_discussion(kim)

    lene = axe_tab("lene")
    lene.set_viewport_size(size)
    lene.goto("/committees/lok-skole")
    lene.get_by_test_id("committee-cycle").click()
    row = lene.get_by_test_id("cycle-year").locator("tr", has_text=TITLE)
    expect(row).to_contain_text("4. kvartal")
    expect(row.get_by_test_id("from-above")).to_have_text("Fra KommuneMED")
    expect(row).to_contain_text("Endnu ikke på et møde")
    assert lene.evaluate(WIDER_THAN_SCREEN) == [] and _axe_problems(lene) == []

    lene.goto("/committees/lok-skole/meetings")
    fill_date(lene.get_by_label("Dato"), date(2026, 11, 17))
    lene.get_by_role("button", name="Planlæg mødet").click()
    item = lene.locator("li.agenda-item", has_text=TITLE)
    expect(item.get_by_test_id("from-cycle")).to_contain_text("Fra årshjulet")
    expect(item).to_contain_text("Fra KommuneMED")
    assert lene.evaluate(WIDER_THAN_SCREEN) == []
    shot(lene, f"{name}-cycle-on-the-agenda")

    lene.goto("/committees/lok-skole/cycle")
    expect(lene.get_by_test_id("cycle-year").locator("tr", has_text=TITLE)).to_have_attribute(
        "data-state", "planned")
    shot(lene, f"{name}-cycle-lokalmed")
    kim.reload()
    expect(kim.get_by_test_id("cycle-rollup").locator("tr[data-committee=lok-skole]")).to_have_attribute(
        "data-state", "planned")
    assert kim.evaluate(WIDER_THAN_SCREEN) == [] and _axe_problems(kim) == []
    shot(kim, f"{name}-cycle-rollup")
