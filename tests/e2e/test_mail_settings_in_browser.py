"""A person chooses how and when they get e-mail, in the browser, and an unsubscribe link works there too."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from medflow.domain.mailprefs import Choices
from medflow.extensions import db
from medflow.notify.compose import unsubscribe_url
from medflow.persistence.models import Person
from medflow.services.mail import mail_prefs
from tests.e2e.conftest import shot


def choices_of(live_app, who: str) -> tuple[bool, Choices]:
    with live_app.app_context():
        person = db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))
        result = person.email_opt_out, mail_prefs.choices(db.session, person)
        db.session.remove()
        return result


def test_choosing_digest_off_and_an_hour_is_saved_and_shown_again(as_user, live_app):
    page = as_user("lene")
    page.goto("/notifications")
    page.get_by_role("link", name="Vælg hvordan og hvornår du får e-mails").click()
    expect(page.get_by_role("heading", name="Valg for e-mail")).to_be_visible()
    expect(page.get_by_label("Nye sager og ændringer i mine udvalg")).to_have_value("digest")
    page.get_by_label("Sager, jeg har rejst").select_option(label="Slet ikke")
    page.get_by_label("Udmeldinger og information ovenfra").select_option(label="Med det samme")
    page.get_by_label("Dagligt overblik kl. (dansk tid)").select_option(label="16:00")
    page.get_by_role("button", name="Gem").click()

    expect(page.locator(".flash-success")).to_contain_text("Dine valg for e-mail er gemt.")
    expect(page.get_by_label("Sager, jeg har rejst")).to_have_value("off")
    expect(page.get_by_label("Dagligt overblik kl. (dansk tid)")).to_have_value("16")
    shot(page, "20-mail-choices")
    opted_out, chosen = choices_of(live_app, "lene")
    assert not opted_out and chosen.hour == 16
    assert chosen.modes == {"submitted": "off", "committees": "digest", "deadlines": "now",
                            "information": "now", "meetings": "now"}


def test_the_unsubscribe_link_asks_then_turns_the_kind_off_without_logging_in(page, live_app):
    with live_app.test_request_context():
        anna = db.session.scalar(select(Person.id).where(Person.email == "anna@example.dk"))
        link = unsubscribe_url(anna, "deadlines").split("/mail/", 1)[1]
        db.session.remove()
    page.goto(f"/mail/{link}")
    asks = "Dette link stopper e-mails til Anna Jensen om frister og eskaleringer."
    expect(page.get_by_text(asks)).to_be_visible()
    assert choices_of(live_app, "anna")[1].mode("deadlines") == "now"  # opening it changed nothing
    page.get_by_role("button", name="Stop disse e-mails").click()
    expect(page.get_by_test_id("unsubscribed")).to_have_text(
        "E-mails til Anna Jensen om frister og eskaleringer er slået fra.")
    expect(page.get_by_role("link", name="Valg for e-mail")).to_be_visible()
    assert choices_of(live_app, "anna")[1].mode("deadlines") == "off"
