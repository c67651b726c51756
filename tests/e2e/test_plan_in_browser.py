"""A KommuneMED secretary imports the 2013-14 strategy plan by the upload form, marks an initiative done."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from medflow.domain.org import parse_org
from medflow.extensions import db
from medflow.services.org import import_org
from medflow.services.people.users import set_password_hash
from tests.e2e.conftest import PASSWORD, shot
from tests.e2e.test_phone_and_axe import DESK, PHONE, _scrolls_sideways
from tests.factories import ORG
from tests.helpers.browser import sweep

PLAN = Path(__file__).resolve().parents[2] / "workflows" / "plans" / "kommunemed-2013-2014.yaml"
KAREN = {"email": "karen@example.dk", "name": "Karen Sekretær", "workplace": "kommunemed",
         "roles": [{"committee": "kommunemed", "role": "secretary"}]}


def add_secretary(live_app) -> None:
    """Give KommuneMED a secretary, Karen."""
    with live_app.app_context():
        import_org(db.session, parse_org({**ORG, "people": [*ORG["people"], KAREN]}, "test-org"))
        set_password_hash(db.session, ["karen@example.dk"], PASSWORD)


def test_a_secretary_imports_the_plan_and_marks_an_initiative_done_on_a_laptop_and_a_phone(live_app, as_user):
    add_secretary(live_app)
    karen = as_user("karen")
    karen.goto("/committees/kommunemed")
    karen.get_by_test_id("committee-plan").click()
    expect(karen.get_by_test_id("no-plan")).to_be_visible()
    karen.get_by_test_id("plan-import-link").click()
    karen.get_by_label("Planfil (YAML)").set_input_files(str(PLAN))
    karen.get_by_role("button", name="Upload").click()
    expect(karen.locator(".flash-success")).to_contain_text("kommunemed-2013-2014.yaml er importeret.")
    expect(karen.get_by_test_id("plan-title")).to_have_text("Strategiplan for KommuneMED 2013-2014")
    expect(karen.get_by_test_id("plan-timeline")).to_be_visible()
    assert karen.get_by_test_id("plan-timeline").evaluate("img => img.naturalWidth") > 0  # the SVG drew
    expect(karen.get_by_test_id("timeline-table").locator("tbody tr")).to_have_count(9)
    assert _scrolls_sideways(karen) == []
    shot(karen, "plan-timeline")

    karen.set_viewport_size(PHONE)
    assert _scrolls_sideways(karen) == []
    shot(karen, "plan-timeline-phone")
    karen.get_by_test_id("initiative-2.2").get_by_role("link").click()
    expect(karen.get_by_role("heading", level=1)).to_have_text("Indsats 2.2")
    assert _scrolls_sideways(karen) == []
    form = karen.get_by_test_id("status-form")
    form.get_by_label("Ny status").select_option("done")
    form.get_by_label("Bemærkning").fill("MED-håndbogen ligger på intranettet.")
    form.get_by_role("button", name="Gem status").click()
    expect(karen.locator(".flash-success")).to_contain_text("Status er ændret: Gennemført.")
    expect(karen.get_by_test_id("initiative-status")).to_have_text("Gennemført")
    expect(karen.get_by_test_id("initiative-history").locator("li")).to_have_count(2)
    expect(karen.get_by_test_id("initiative-history")).to_contain_text("MED-håndbogen ligger på intranettet.")
    assert _scrolls_sideways(karen) == []
    shot(karen, "plan-initiative-done-phone")

    karen.set_viewport_size(DESK)
    karen.get_by_role("link", name="Strategiplan for KommuneMED 2013-2014").click()
    row = karen.get_by_test_id("initiative-2.2")
    expect(row).to_contain_text("Gennemført")
    expect(row).not_to_have_class(re.compile(r"overdue"))
    plan_url, initiative_url = karen.url, row.get_by_role("link").get_attribute("href")
    for path in (plan_url, initiative_url, "/plans", "/committees/kommunemed/plan/import"):
        assert sweep(karen, path) == [], path
