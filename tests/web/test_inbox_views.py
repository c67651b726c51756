"""The inbox in a reader's words, cases sent on that stay in view, and chairs landing on their work."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, Person
from medflow.services.sent_on import RECENTLY_CLOSED_DAYS, sent_on


def _ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'<a href="/cases/(\d+)">', html)}


def _inbox_cases(api):
    """Return cases at LokalMED Skole in every group: new, being handled, on the agenda, closed, sent on."""
    new = api("anna").submit(title="Ny")
    handling = api("lene").fire(api("anna").submit(title="I gang"), "accept")
    agenda = api("lene").fire(api("lene").fire(api("anna").submit(title="Møde"), "accept"),
                              "schedule", meeting_date="2027-01-14")
    closed = api("lene").fire(api("lene").fire(api("anna").submit(title="Lukket"), "accept"),
                              "resolve", answer="Svar", outcome="decision")
    sent = api("lene").fire(api("lene").fire(api("anna").submit(title="Videre"), "accept"),
                            "forward", comment="Til området")
    return {"new": new, "handling": handling, "agenda": agenda, "closed": closed, "sent": sent}


def test_the_inbox_filter_groups_the_states_as_a_reader_means_them(pages, api):
    cases = _inbox_cases(api)
    lene = pages("lene")
    for show, case in cases.items():
        html = lene.get(f"/committees/lok-skole?show={show}").text
        listed = _ids(html.split('class="filters"')[1])
        assert listed == {case["id"]}, show
    page = lene.get("/committees/lok-skole").text
    assert '<option value="agenda">Venter på møde</option>' in page
    assert 'id="filter-state"' in page  # the detailed state is still there


def test_a_case_sent_on_stays_in_the_senders_view_with_where_it_is_now(app, pages, api):
    cases = _inbox_cases(api)
    page = pages("lene").get("/committees/lok-skole").text
    sent = page.split('id="group-sent"')[1].split("</section>")[0]
    assert f'/cases/{cases["sent"]["id"]}"' in sent and "OmrådeMED Børn og Unge" in sent
    case = api("ole").fire(api("ole").fire(cases["sent"], "accept"), "resolve", answer="Ja", outcome="decision")
    assert case["state"] == "resolved"
    page = pages("lene").get("/committees/lok-skole").text  # closed: still there for 30 days
    assert f'/cases/{cases["sent"]["id"]}"' in page.split('id="group-sent"')[1].split("</section>")[0]
    with app.app_context():
        lene = db.session.scalar(select(Person).where(Person.email == "lene@example.dk"))
        skole = db.session.scalar(select(Committee).where(Committee.key == "lok-skole"))
        later = utcnow() + timedelta(days=RECENTLY_CLOSED_DAYS + 1)
        assert sent_on(db.session, lene, skole, now=later).items == []  # and then gone


def test_a_chair_lands_on_the_committee_inbox_and_an_employee_on_their_cases(pages):
    assert pages("lene").get("/").location == "/committees/lok-skole"
    assert pages("ole").get("/").location == "/committees/omr-born"
    assert pages("anna").get("/").location == "/cases"
