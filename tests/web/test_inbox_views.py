"""The inbox in a reader's words, cases sent on that stay in view, and chairs landing on their work."""

from __future__ import annotations

import re


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


def test_a_case_sent_on_stays_in_the_senders_view_with_where_it_is_now(pages, api):
    cases = _inbox_cases(api)
    page = pages("lene").get("/committees/lok-skole").text
    sent = page.split('id="group-sent"')[1].split("</section>")[0]
    assert f'/cases/{cases["sent"]["id"]}"' in sent and "OmrådeMED Børn og Unge" in sent
    case = api("ole").fire(api("ole").fire(cases["sent"], "accept"), "resolve", answer="Ja", outcome="decision")
    assert case["state"] == "resolved"
    assert 'id="group-sent"' not in pages("lene").get("/committees/lok-skole").text  # closed: gone


def test_a_chair_lands_on_the_committee_inbox_and_an_employee_on_their_cases(pages):
    assert pages("lene").get("/").location == "/committees/lok-skole"
    assert pages("ole").get("/").location == "/committees/omr-born"
    assert pages("anna").get("/").location == "/cases"
