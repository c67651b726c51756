"""Communication both ways in a browser: the unread count, a task sent down, and its roll-up."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot
from tests.helpers.browser import act

TITLE = "Drøft den nye stresspolitik"
NOTE = "Drøftet på personalemødet 3. februar; vi laver en trivselsplan."


def publish_task_to_workplaces(kim: Page) -> str:
    """Publish a task from KommuneMED to the workplace level through the form; return the roll-up URL."""
    kim.get_by_test_id("nav-send-out").click()
    kim.get_by_label("Fra udvalg").select_option("kommunemed")
    kim.get_by_label("Type").select_option("task")
    kim.get_by_label("Overskrift").fill(TITLE)
    kim.get_by_label("Tekst").fill("Drøft politikken på jeres næste møde, og meld tilbage senest 1. marts.")
    # Next 1 March: never overdue in the test, and within the date window (at most ten years ahead).
    due = kim.get_by_label("Tilbagemelding senest")
    due.fill(f"01-03-{date.today().year + 1}")  # typed as a Dane writes it (the picker posts ISO)
    due.press("Enter")
    kim.locator("input[name=levels][value=lokal]").check()
    kim.get_by_role("button", name="Udsend").click()
    expect(kim.locator(".flash-success")).to_contain_text("Udsendt til 3 udvalg")
    expect(kim).to_have_url(re.compile(r"/cascades/\d+$"))
    return kim.url


def test_a_task_sent_down_is_noticed_discussed_reported_back_and_rolled_up(as_user):
    kim = as_user("kim")
    rollup_url = publish_task_to_workplaces(kim)

    lene = as_user("lene")
    badge = lene.get_by_test_id("unread-count")
    expect(badge).to_be_visible()
    expect(badge).to_have_text(re.compile(r"[1-9]\d*$"))
    shot(lene, "nav-unread")
    lene.get_by_test_id("nav-notifications").click()
    item = lene.locator(".notifications li.unread", has_text=TITLE).first
    expect(item).to_contain_text("LokalMED Skole har modtaget et nyt punkt oppefra.")
    shot(lene, "notifications")
    lene.get_by_role("button", name="Markér alle som læst").click()
    expect(lene.get_by_test_id("unread-count")).to_have_count(0)
    expect(lene.locator(".notifications li.unread")).to_have_count(0)

    lene.locator(".notifications li", has_text=TITLE).first.get_by_role("link").click()
    expect(lene.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(lene.locator("#case-due")).to_contain_text(str(date.today().year + 1))
    act(lene, "discuss", comment=NOTE)
    expect(lene.locator(".state").first).to_have_text("Drøftet")
    act(lene, "report_back", comment="Planen er vedtaget i LokalMED.")
    expect(lene.locator(".state").first).to_have_text("Tilbagemeldt")
    shot(lene, "cascade-case")

    kim.goto(rollup_url)
    row = kim.locator("[data-testid=rollup] tr[data-level=lokal]")
    expect(row.locator("[data-count=received]")).to_have_text("3")
    expect(row.locator("[data-count=discussed]")).to_have_text("1")
    expect(row.locator("[data-count=reported_back]")).to_have_text("1")
    expect(kim.locator("[data-testid=rollup-committees] tr[data-committee=lok-skole]")).to_contain_text(NOTE)
    shot(kim, "cascade-rollup")

    anna = as_user("anna")
    anna.get_by_role("link", name="Information fra ledelsen/MED").click()
    article = anna.locator("article.cascade", has_text=TITLE)
    expect(article).to_contain_text("Opgave · KommuneMED")
    expect(article).to_contain_text(NOTE)
    shot(anna, "information")


def test_an_internal_item_is_not_shown_to_employees(as_user):
    kim = as_user("kim")
    kim.get_by_test_id("nav-send-out").click()
    kim.get_by_label("Overskrift").fill("Budgetudkast (internt)")
    kim.get_by_label("Tekst").fill("Kun til udvalgene.")
    kim.get_by_label("Intern (vises ikke for medarbejdere)").check()
    kim.get_by_role("button", name="Udsend").click()
    expect(kim.locator(".flash-success")).to_be_visible()
    anna = as_user("anna")
    anna.goto("/information")
    expect(anna.get_by_role("heading", level=1)).to_have_text("Information fra ledelsen/MED")
    expect(anna.locator("main")).not_to_contain_text("Budgetudkast")


def test_only_people_who_may_publish_see_send_out(as_user):
    expect(as_user("kim").get_by_test_id("nav-send-out")).to_be_visible()
    anna = as_user("anna")
    expect(anna.get_by_test_id("nav-notifications")).to_be_visible()
    expect(anna.get_by_test_id("nav-send-out")).to_have_count(0)


def test_committees_are_picked_in_a_searchable_tree_and_my_cases_shows_the_item_once(as_user):
    kim = as_user("kim")
    kim.get_by_test_id("nav-send-out").click()
    kim.get_by_label("Overskrift").fill("Ny trivselsmåling")
    kim.get_by_label("Tekst").fill("Gennemgå resultaterne på næste møde.")
    kim.get_by_label("Find et udvalg").fill("ældre")
    tree = kim.locator("#branch-tree")
    expect(tree.get_by_text("OmrådeMED Ældre")).to_be_visible()
    expect(tree.get_by_text("LokalMED Plejecenter")).to_be_visible()  # under the match
    expect(tree.get_by_text("LokalMED Skole")).to_be_hidden()
    shot(kim, "cascade-branch-picker")
    kim.get_by_role("checkbox", name=re.compile("^OmrådeMED Ældre")).check()
    kim.get_by_role("button", name="Udsend").click()
    expect(kim.locator(".flash-success")).to_contain_text("Udsendt til 2 udvalg")  # the area and its workplace
    kim.get_by_role("link", name="Mine sager").click()
    expect(kim.locator("#published li")).to_have_count(1)
    expect(kim.locator("table.cases")).to_have_count(0)  # no row per receiving committee
