"""The key figures page, its charts and CSV files, the API and the admin upload: small units stay hidden."""

from __future__ import annotations

import io
import re

import pytest

from medflow.cli import cli
from medflow.domain.figures_csv import parse_figures_csv
from medflow.extensions import db
from medflow.services.figures.importer import apply_figures, plan_figures
from medflow.web.charts import SVG_CSP
from tests.factories import log_in_client

SICKNESS = ("Arbejdssted;År;Måned;Fraværsdage;Årsværk\n"
            "lok-skole;2026;2;12;10\n"  # 12 / (10 × 20 working days) = 6.0 %
            "lok-dagtilbud;2026;2;6;3\n"  # 10.0 %, but only 3 FTE: shown only inside omr-born's total
            "lok-pleje;2026;2;20;20\n")  # 5.0 %
WELLBEING = ("Arbejdssted;År;Dimension;Score;Besvarelser\n"
             "lok-skole;2026;Ledelse;70;12\nlok-skole;2026;Samarbejde;61,5;4\n")
HIDDEN = "Færre end 5 – tæller med i totalen"


def _load(kind: str, text: str) -> None:
    parsed = parse_figures_csv(text, f"{kind}.csv", kind)
    apply_figures(db.session, None, parsed, plan_figures(db.session, parsed))


@pytest.fixture
def figures(app, org):
    """Import February 2026's sickness absence and a 2026 survey for the test organisation."""
    with app.app_context():
        _load("sickness", SICKNESS)
        _load("wellbeing", WELLBEING)
        db.session.remove()


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_the_area_sees_its_total_but_not_the_small_unit_nor_the_one_that_would_give_it_away(pages, figures):
    page = pages("ole").get("/committees/omr-born/figures?year=2026")
    assert page.status_code == 200
    text = _text(page)
    assert "Sygefravær i procent pr. enhed" in text
    assert "OmrådeMED Børn og Unge — 6,9 %" in text  # (12 + 6) / (13 × 20)
    assert f"LokalMED Dagtilbud — {HIDDEN}" in text
    assert f"LokalMED Skole — {HIDDEN}" in text  # else 6,9 % and 6,0 % would give the small one away
    assert "10,0 %" not in text and "6,0 %" not in text
    assert 'src="/committees/omr-born/figures/sickness-units.svg?year=2026"' in page.get_data(as_text=True)


def test_an_areas_own_small_staff_cannot_be_worked_out_from_its_total_less_its_units(app, org, pages):
    with app.app_context():
        _load("sickness", "Arbejdssted;År;Måned;Fraværsdage;Årsværk\n"
                          "omr-born;2026;2;3;2\n"  # the area's own office: 2 FTE, on no row of its own
                          "lok-skole;2026;2;12;10\nlok-dagtilbud;2026;2;10;8\n")
        db.session.remove()
    text = _text(pages("ole").get("/committees/omr-born/figures?year=2026"))
    assert "OmrådeMED Børn og Unge — 6,2 %" in text  # (3 + 12 + 10) / (20 × 20)
    assert f"LokalMED Dagtilbud — {HIDDEN}" in text  # the smaller unit, else 25 − 12 − 10 = 3 days on 2 FTE
    assert "LokalMED Skole — 6,0 %" in text


def test_the_top_committee_sees_both_areas_side_by_side(pages, figures):
    text = _text(pages("kim").get("/committees/kommunemed/figures?year=2026"))
    assert "KommuneMED — 5,8 %" in text  # 38 / (33 × 20)
    assert "OmrådeMED Børn og Unge — 6,9 %" in text and "OmrådeMED Ældre — 5,0 %" in text


def test_a_small_committee_does_not_see_its_own_figure(pages, figures):
    text = _text(pages("dora").get("/committees/lok-dagtilbud/figures?year=2026"))
    assert f"LokalMED Dagtilbud — {HIDDEN}" in text and "10,0" not in text


def test_a_survey_dimension_with_fewer_than_5_answers_is_hidden(pages, figures):
    text = _text(pages("lene").get("/committees/lok-skole/figures?year=2026"))
    assert "Ledelse — 70,0" in text and f"Samarbejde — {HIDDEN}" in text and "61,5" not in text


def test_the_csv_hides_the_same_cells(pages, figures):
    response = pages("ole").get("/committees/omr-born/figures/sickness-units.csv?year=2026")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data(as_text=True).splitlines() == [
        "\ufeffEnhed;2025;2026", "OmrådeMED Børn og Unge;—;6,9 %",
        f"LokalMED Dagtilbud;—;{HIDDEN}", f"LokalMED Skole;—;{HIDDEN}"]
    months = pages("ole").get("/committees/omr-born/figures/sickness-months.csv?year=2026")
    assert "februar;—;6,9 %" in months.get_data(as_text=True).splitlines()


def test_the_chart_is_an_svg_image_with_its_own_policy_and_no_hidden_number(pages, figures):
    response = pages("ole").get("/committees/omr-born/figures/sickness-units.svg?year=2026")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.headers["Content-Security-Policy"] == SVG_CSP
    svg = response.get_data(as_text=True)
    assert svg.startswith("<svg")
    assert re.findall(r'<desc class="value">(.*?)</desc>', svg) == ["6,9 %"]  # the bars: only the total
    assert "LokalMED Dagtilbud (færre end 5)" in svg


def test_the_api_hides_the_same_cells(api, figures):
    response = api("ole").get("/committees/omr-born/figures?year=2026")
    assert response.status_code == 200
    body = response.get_json()
    assert body["years"] == [2025, 2026] and body["min_group"] == 5
    units = next(t for t in body["tables"] if t["id"] == "sickness-units")
    assert [(r["key"], r["cells"][1]) for r in units["rows"]] == [
        ("omr-born", {"year": 2026, "value": 6.9, "hidden": False}),
        ("lok-dagtilbud", {"year": 2026, "value": None, "hidden": True}),
        ("lok-skole", {"year": 2026, "value": None, "hidden": True})]
    assert "10.0" not in response.get_data(as_text=True)


def test_only_members_and_admins_see_a_committees_figures(app, pages, api, figures):
    for url in ("/committees/omr-born/figures", "/committees/omr-born/figures/risk-units.svg",
                "/committees/omr-born/figures/risk-units.csv"):
        assert pages("anna").get(url).status_code == 404
        assert pages("lene").get(url).status_code == 404  # a member below is not a member here
        assert pages("admin").get(url).status_code == 200
        assert pages(None).get(url).status_code in (302, 401)
    assert api("anna").get("/committees/omr-born/figures").status_code == 404
    assert pages("ole").get("/committees/omr-born/figures/no-such.csv").status_code == 404
    assert pages("ole").get("/committees/omr-born/figures?year=20x6").status_code == 400


def test_the_committee_page_links_its_figures(pages, figures):
    page = pages("lene").get("/committees/lok-skole").get_data(as_text=True)
    assert 'href="/committees/lok-skole/figures"' in page


def _upload(client, text: str, kind: str = "sickness", **extra):
    return client.post("/admin/figures", data={"kind": kind, "file": (io.BytesIO(text.encode()), "syg.csv"),
                                               **extra}, content_type="multipart/form-data")


def test_an_administrator_uploads_a_file_and_sees_every_problem_in_danish(pages, org):
    admin = pages("admin")
    refused = _upload(admin, "Arbejdssted;År;Måned;Fraværsdage;Årsværk\nlok-skole;2026;13;1;4\n"
                             "lok-ukendt;2026;1;1;4\n")
    assert refused.status_code == 400
    problems = re.findall(r"<li>(.*?)</li>", refused.get_data(as_text=True))
    assert problems[-2:] == ["syg.csv:2: Måned &#39;13&#39; skal være et helt tal fra 1 til 12",
                             "syg.csv:3: ukendt arbejdssted &#39;lok-ukendt&#39;: intet udvalg har den nøgle "
                             "eller det omkostningssted"]
    checked = _upload(admin, SICKNESS, check_only="on")
    assert "syg.csv er i orden. En import ville tilføje 3, ændre 0 og fjerne 0 linjer" in _text(checked)
    done = _upload(admin, SICKNESS)
    assert "syg.csv er importeret: 3 linjer tilføjet, 0 ændret, 0 fjernet, 0 uændret." in _text(done)
    assert _upload(pages("lene"), SICKNESS).status_code == 403


def test_the_demo_shows_two_years_of_figures_with_small_units_hidden(app):
    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "da"
    log_in_client(app, client, "louise.winther")
    page = client.get("/committees/cmed-buf/figures")
    assert page.status_code == 200
    text = _text(page)
    assert "Sygefravær" in text and "Trivselsmåling" in text and HIDDEN in text
    assert "Personalemøde med MED-status, Tandplejen" in text
    assert client.get("/committees/cmed-buf/figures/wellbeing-dimensions.svg").status_code == 200
