"""Committee inboxes (groups, filters, pages, badges), the organisation page and error pages."""

from __future__ import annotations

import re

from tests.web.conftest import csrf_token


def headings(html: str) -> list[str]:
    """Return the h2 and h3 texts of a page, in order."""
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]


def test_inbox_shows_new_then_handled_then_agenda_by_date_then_recently_closed(pages, api):
    anna, lene = api("anna"), api("lene")
    closed = lene.fire(lene.fire(anna.submit(title="Lukket"), "accept"), "resolve", answer="Ja")
    late = lene.fire(lene.fire(anna.submit(title="Senere"), "accept"), "schedule", meeting_date="2027-03-12")
    early = lene.fire(lene.fire(anna.submit(title="Tidligt"), "accept"), "schedule", meeting_date="2027-02-01")
    handled = lene.fire(anna.submit(title="I gang"), "accept")
    new = anna.submit(title="Helt ny")
    page = pages("lene").get("/committees/lok-skole").text
    assert headings(page) == ["Nye sager", "Under behandling", "På dagsordenen", "Møde 1. feb. 2027",
                              "Møde 12. mar. 2027", "Afsluttet for nylig"]
    order = [int(n) for n in re.findall(r'<td data-label="Sag"><a href="/cases/(\d+)"', page)]
    assert order == [new["id"], handled["id"], early["id"], late["id"], closed["id"]]


def test_inbox_filters_by_state_and_by_workflow(pages, api):
    api("anna").submit(title="Et spørgsmål")
    api("anna").submit("work_environment", title="En arbejdsmiljøsag", category="physical")
    lene = pages("lene")
    only_we = lene.get("/committees/lok-skole?workflow=work_environment").text
    assert "En arbejdsmiljøsag" in only_we and "Et spørgsmål" not in only_we
    only_reported = lene.get("/committees/lok-skole?state=reported").text
    assert "En arbejdsmiljøsag" in only_reported and "Et spørgsmål" not in only_reported
    assert '<option value="reported" selected>' in only_reported
    assert "Ingen sager passer." in lene.get("/committees/lok-skole?state=resolved").text


def test_inbox_comes_in_pages_of_25(pages, api):
    for n in range(26):
        api("anna").submit(title=f"Sag nummer {n}")
    lene = pages("lene")
    first = lene.get("/committees/lok-skole").text
    assert first.count('<td data-label="Sag"><a href="/cases/') == 25 and "Side 1 af 2" in first
    second = lene.get("/committees/lok-skole?page=2").text
    assert second.count('<td data-label="Sag"><a href="/cases/') == 1 and "Sag nummer 0" in second
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_inbox_page_number_too_large_for_the_database_is_refused_as_the_api_does_not_a_crash(pages, api):
    api("anna").submit()
    response = pages("lene").get("/committees/lok-skole?page=99999999999999999999999")
    assert response.status_code == 400
    assert response.text.count('<td data-label="Sag"><a href="/cases/') == 0


def badge(html: str, key: str) -> int | None:
    """Return the number on a committee's badge in the navigation."""
    match = re.search(rf'href="/committees/{key}"[^>]*>[^<]*<span class="badge"[^>]*>'
                      r'<span class="visually-hidden">Åbne sager: </span>(\d+)</span>', html)
    return int(match.group(1)) if match else None


def test_navigation_has_a_badge_of_open_cases_per_committee_i_sit_on(pages, api):
    api("anna").submit()
    api("anna").submit(confidential=True)
    assert badge(pages("lene").get("/cases").text, "lok-skole") == 2
    assert badge(pages("sara").get("/cases").text, "lok-skole") == 1  # not the confidential one
    assert "/committees/" not in pages("anna").get("/cases").text


def test_inbox_of_a_committee_i_do_not_sit_on_is_a_403_page(pages):
    page = pages("anna").get("/committees/lok-skole")
    assert page.status_code == 403 and "Kun medlemmer af LokalMED Skole" in page.text


def test_inbox_of_an_unknown_committee_is_a_404_page(pages):
    assert pages("lene").get("/committees/nope").status_code == 404


def test_confidential_case_is_left_out_of_a_members_inbox(pages, api):
    api("anna").submit(title="Hemmelig", confidential=True)
    assert "Hemmelig" not in pages("sara").get("/committees/lok-skole").text
    assert "Hemmelig" in pages("lene").get("/committees/lok-skole").text


def test_organisation_page_shows_the_tree_with_members_and_roles(pages):
    page = pages("anna").get("/org").text
    assert page.index("KommuneMED") < page.index("OmrådeMED Børn og Unge") < page.index("LokalMED Skole")
    assert "Lene Leder <span class=\"tag\">Formand</span>" in page
    assert re.search(r"Tove TR <span class=\"tag\">[^<]+</span> <span class=\"tag\">[^<]+</span>", page)
    assert page.count("Tove TR") == 1


def test_organisation_needs_a_login(pages):
    assert pages().get("/org").location.startswith("/login")


def test_unknown_address_is_a_404_page_in_the_sites_style(pages):
    page = pages("anna").get("/no/such/page")
    assert page.status_code == 404 and "Ikke fundet" in page.text and "Mine sager" in page.text


def test_wrong_method_is_a_405_page(pages):
    page = pages("anna").get("/cases/1/events")
    assert page.status_code == 405 and "Ikke tilladt her" in page.text


def test_a_crash_is_a_500_page_that_tells_nothing_was_changed(app, pages):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def boom():
        raise RuntimeError("kaput")

    app.add_url_rule("/boom", view_func=boom)
    page = pages("anna").get("/boom")
    assert page.status_code == 500
    assert "Noget gik galt" in page.text and "kaput" not in page.text


def test_api_errors_stay_json(api):
    response = api("anna").get("/cases/999")
    assert response.status_code == 404 and response.get_json()["status"] == 404


def test_every_form_on_a_case_page_carries_a_csrf_token(csrf_pages, api):
    case = api("anna").submit()
    page = csrf_pages("lene").get(f"/cases/{case['id']}").text
    assert page.count("<form ") == page.count('name="csrf_token"')
    assert csrf_token(page)


def test_a_case_action_with_the_pages_csrf_token_works(csrf_pages, api):
    case = api("anna").submit()
    lene = csrf_pages("lene")
    token = csrf_token(lene.get(f"/cases/{case['id']}").text)
    response = lene.post(f"/cases/{case['id']}/events",
                         data={"event": "accept", "version": case["version"], "csrf_token": token})
    assert response.status_code == 302
