"""A committee member reads the reports: from the top menu, narrowed to her committee, at 1280 and 390 px.

Lene chairs the school's LokalMED. Its cases of 2026 (made through the services on a fixed clock, one of
them confidential) fill three quarters. She opens "Rapporter", picks 2026 and her committee, and reads
the figures: each chart is an image with its table under it and a CSV link. No page scrolls sideways,
and axe-core finds nothing serious.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from medflow.extensions import db
from tests.e2e.conftest import log_in, shot
from tests.e2e.test_phone_and_axe import DESK, PHONE, WIDER_THAN_SCREEN, _axe_problems
from tests.helpers.report_world import ANSWER, T1, World, at


def _year_of_cases(app) -> None:
    """Three quarters of lok-skole's cases: answered, forwarded, rejected, one confidential."""
    with app.app_context():
        w = World(db.session)
        w.story(3, "A", "anna", at(1, 12, 10), [("lene", "accept", at(1, 14), {}),
                                                ("lene", "resolve", at(1, 22), ANSWER)], topic=T1)
        w.story(1, "G", "anna", at(2, 2, 10), [("lene", "accept", at(2, 3), {})], confidential=True)
        w.story(2, "B", "anna", at(5, 4, 10), [("lene", "forward", at(5, 5), {"comment": "Op"}),
                                               ("ole", "accept", at(5, 6), {})])
        no = {"comment": "Nej", "redirect": "Spørg din leder"}
        w.story(2, "D", "anna", at(8, 3, 10), [("lene", "reject", at(8, 4), no)])


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["desk", "phone"])
def test_a_chair_reads_her_committees_figures_by_quarter(browser, browser_context_args, live_app, size):
    _year_of_cases(live_app)
    context = browser.new_context(**{**browser_context_args, "viewport": size}, bypass_csp=True)  # for axe-core
    page = context.new_page()
    log_in(page, "lene")
    if size == PHONE:
        page.get_by_role("button", name="Menu").click()
    page.get_by_test_id("nav-reports").click()
    expect(page.get_by_role("heading", name="Rapporter", exact=True)).to_be_visible()
    filters = page.get_by_test_id("report-filters")
    filters.get_by_label("År").select_option("2026")
    filters.get_by_label("Udvalg").select_option("lok-skole")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.wait_for_url("**/reports?year=2026*committee=lok-skole*")

    cases = page.get_by_test_id("report-cases")
    # opened: A 3 + G 1 (confidential) in Q1, B 2 in Q2, D 2 in Q3; rejected: D 2 in Q3
    opened = cases.get_by_role("row", name="Sager oprettet").get_by_role("cell")
    expect(opened).to_have_text(["4", "2", "2", "0", "8"])
    rejected = cases.get_by_role("row", name="Sager afvist").get_by_role("cell")
    expect(rejected).to_have_text(["0", "0", "2", "0", "2"])
    chart = page.get_by_role("img", name="Diagram: Sager pr. kvartal. Tallene står i tabellen nedenfor.")
    expect(chart).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", chart.element_handle()) > 0  # the SVG was drawn
    expect(page.get_by_role("link", name="Hent tabellen (CSV)").first).to_have_attribute(
        "href", "/reports/cases.csv?year=2026&committee=lok-skole")
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert _axe_problems(page) == []
    shot(page, f"reports-{'phone' if size == PHONE else 'desk'}")
