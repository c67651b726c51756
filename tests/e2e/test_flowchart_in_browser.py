"""The flowchart, the "where do I go?" guide and a case's workflow diagram, as a person sees them."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot
from tests.helpers.browser import act, case_id_of

LANES = {"apv": "lokal", "retningslinjer-center": "omraade", "stresspolitik": "kommune"}
NAMES = ("Anna Jensen", "Lene Leder", "Ole Områdechef", "Kim Direktør", "Pia Plejeleder")


def inside(inner: dict, outer: dict) -> bool:
    """Tell whether one bounding box lies within another."""
    return (outer["x"] <= inner["x"] and outer["y"] <= inner["y"]
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"])


def test_flowchart_shows_each_topic_in_its_lane_with_no_names_and_prints(page: Page):
    page.goto("/flowchart")
    diagram = page.locator("#flowchart-diagram svg")
    expect(diagram).to_be_visible()
    for key, level in LANES.items():
        node, lane = diagram.locator(f"#topic-{key}"), diagram.locator(f"#lane-{level}")
        expect(node).to_be_visible()
        assert inside(node.bounding_box(), lane.bounding_box()), (key, level)
        expect(page.locator(f"#flowchart-table tr[data-topic='{key}']")).to_have_attribute("data-level", level)
    body = page.locator("body")
    for name in NAMES:
        expect(body).not_to_contain_text(name)
    expect(page.get_by_test_id("nav-guide")).to_have_text("Hvor går jeg hen?")
    shot(page, "flowchart")
    page.emulate_media(media="print")
    expect(page.locator("header.site")).to_be_hidden()
    shot(page, "flowchart-print")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who does what in MED")
    expect(page.locator("#flowchart-table")).to_contain_text("Question")


def test_a_visitor_is_told_the_level_but_sees_nobody(page: Page):
    page.goto("/guide")
    page.locator("a[data-topic=stresspolitik]").click()
    expect(page.locator("#guide-committee")).to_contain_text("KommuneMED")
    expect(page.locator("#guide-members")).to_have_count(0)
    expect(page.locator("#answer")).to_contain_text("Log ind for at se, hvem der sidder i dit udvalg.")
    for name in NAMES:
        expect(page.locator("body")).not_to_contain_text(name)
    shot(page, "guide-public")


def test_an_employee_is_told_her_own_committee_and_opens_the_case_there(as_user):
    anna = as_user("anna")
    anna.goto("/guide?topic=apv")
    expect(anna.locator("#guide-committee")).to_contain_text("LokalMED Skole")
    expect(anna.locator("#guide-members")).to_contain_text("Lene Leder — Formand")
    shot(anna, "guide-employee")
    anna.locator("#open-case").click()
    expect(anna.get_by_label("Hvad handler det om?")).to_have_value("apv")
    expect(anna.locator("input[name=workflow][value=work_environment]")).to_be_checked()
    expect(anna.locator("#goes-to")).to_contain_text("LokalMED Skole")
    anna.get_by_label("Overskrift").fill("APV for lærerværelset")
    anna.get_by_label("Kategori").select_option("physical")
    shot(anna, "new-case-with-topic")
    anna.get_by_role("button", name="Send sagen").click()
    expect(anna.locator(".flash-success")).to_contain_text("Din sag er sendt til LokalMED Skole")
    expect(anna.locator("#case-topic-level")).to_have_attribute("data-level", "lokal")

    anna.goto("/guide?topic=stresspolitik")
    expect(anna.locator("#guide-committee")).to_contain_text("KommuneMED")
    expect(anna.locator("#guide-members")).to_contain_text("Kim Direktør — Formand")
    anna.locator("#open-case").click()
    expect(anna.get_by_label("Hvad handler det om?")).to_have_value("stresspolitik")
    expect(anna.locator("#goes-to")).to_contain_text("KommuneMED")
    anna.get_by_label("Overskrift").fill("Gælder stresspolitikken også vikarer?")
    anna.get_by_role("button", name="Send sagen").click()
    expect(anna.locator(".flash-success")).to_contain_text("Din sag er sendt til KommuneMED")
    expect(anna.locator(".facts")).to_contain_text("Spørgsmål")
    expect(anna.locator("#case-topic-level")).to_have_attribute("data-level", "kommune")
    expect(anna.locator("#case-path li")).to_have_text(["KommuneMED"])
    shot(anna, "case-on-topic")


def test_choosing_a_topic_in_the_form_sets_the_case_type_and_shows_where_it_goes(as_user):
    anna = as_user("anna")
    anna.goto("/cases/new")
    expect(anna.get_by_label("Hvad handler det om?")).to_have_value("")
    expect(anna.locator("#goes-to")).to_be_hidden()
    anna.get_by_label("Hvad handler det om?").select_option("vold-og-trusler")
    expect(anna.locator("input[name=workflow][value=work_environment]")).to_be_checked()
    expect(anna.get_by_label("Kategori")).to_have_value("violence_threat")
    expect(anna.locator("#goes-to")).to_contain_text("LokalMED Skole")
    anna.get_by_label("Hvad handler det om?").select_option("")
    expect(anna.locator("input[name=workflow][value=question]")).to_be_enabled()


def test_the_submitter_sees_the_current_state_in_the_diagram_and_others_get_404(as_user):
    anna = as_user("anna")
    anna.goto("/cases/new")
    anna.get_by_label("Overskrift").fill("Hvornår er næste MED-møde?")
    anna.get_by_role("button", name="Send sagen").click()
    expect(anna.locator(".flash-success")).to_be_visible()
    case_id = case_id_of(anna)
    lene = as_user("lene")
    lene.goto(f"/cases/{case_id}")
    act(lene, "accept")
    expect(lene.locator(".state").first).to_have_text("Under behandling")

    anna.reload()
    anna.locator("#case-diagram-link").click()
    expect(anna).to_have_url(re.compile(rf"/cases/{case_id}/diagram$"))
    expect(anna.locator("#workflow-diagram #state-accepted")).to_have_class(re.compile(r"\bcurrent\b"))
    expect(anna.locator("#workflow-diagram #state-submitted")).not_to_have_class(re.compile(r"\bcurrent\b"))
    expect(anna.locator("#states-table tr[aria-current=step]")).to_have_attribute("data-state", "accepted")
    shot(anna, "case-diagram")

    pia = as_user("pia")
    response = pia.goto(f"/cases/{case_id}/diagram")
    assert response.status == 404
    expect(pia.locator("main")).not_to_contain_text("Hvornår er næste MED-møde?")
