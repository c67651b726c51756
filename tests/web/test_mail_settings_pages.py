"""The e-mail choices page: defaults, saving, refusing bad values, and the old all-off switch."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from medflow.extensions import db
from medflow.persistence.models import MailPreference, Person

VALID = {"email": "y", "submitted": "off", "committees": "now", "deadlines": "now", "information": "digest",
         "digest_hour": "18"}


def selected(html: str, name: str) -> str:
    block = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return re.search(r'<option selected value="([^"]+)"|<option value="([^"]+)" selected', block).group(1)


def stored(app, who: str):
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))
        row = db.session.scalar(select(MailPreference).where(MailPreference.person_id == person.id))
        return person.email_opt_out, (row.choices() if row else None)


def test_the_page_shows_the_chair_defaults(pages):
    page = pages("lene").get("/notifications/mail")
    assert page.status_code == 200 and "Valg for e-mail" in page.text
    assert [selected(page.text, k) for k in ("submitted", "committees", "deadlines", "information", "meetings")
            ] == ["now", "digest", "now", "digest", "now"]
    assert "Møder i mine udvalg (dagsordener, ændringer, referater, opgaver)" in page.text
    assert selected(page.text, "digest_hour") == "7"
    assert "Sager, jeg har rejst" in page.text and "I det daglige overblik" in page.text


def test_saving_stores_each_kind_and_the_hour(app, pages):
    lene = pages("lene")
    response = lene.post("/notifications/mail", data=VALID)
    assert response.status_code == 302
    opted_out, choices = stored(app, "lene")
    assert not opted_out and choices.hour == 18
    assert choices.modes == {"submitted": "off", "committees": "now", "deadlines": "now",
                             "information": "digest", "meetings": "now"}  # a form without it keeps it
    lene.post("/notifications/mail", data={**VALID, "meetings": "digest"})
    assert stored(app, "lene")[1].modes["meetings"] == "digest"
    lene.post("/notifications/mail", data=VALID)
    assert stored(app, "lene")[1].modes["meetings"] == "digest"
    page = lene.get("/notifications/mail")
    assert "Dine valg for e-mail er gemt." in page.text and selected(page.text, "digest_hour") == "18"


def test_bad_values_are_refused_naming_the_field_and_nothing_is_saved(app, pages):
    lene = pages("lene")
    for field, value, label in (("committees", "sometimes", "Nye sager og ændringer i mine udvalg"),
                                ("digest_hour", "25", "Dagligt overblik kl. (dansk tid)")):
        response = lene.post("/notifications/mail", data={**VALID, field: value})
        assert response.status_code == 400
        assert f'<a href="#{field}">{label}:' in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MailPreference)) == 0


def test_the_all_off_switch_is_the_old_opt_out_on_both_pages(app, pages):
    lene = pages("lene")
    lene.post("/notifications/mail", data={k: v for k, v in VALID.items() if k != "email"})
    assert stored(app, "lene")[0] is True
    assert 'name="email" type="checkbox" value="y">' in lene.get("/notifications").text  # unchecked there too
    lene.post("/notifications/settings", data={"email": "y"})
    assert stored(app, "lene")[0] is False
    assert 'checked id="email" name="email"' in lene.get("/notifications/mail").text


def test_the_notifications_page_links_to_the_choices(pages):
    assert 'href="/notifications/mail"' in pages("anna").get("/notifications").text


def test_the_page_needs_a_login(app, pages):
    assert pages().get("/notifications/mail").status_code == 302
