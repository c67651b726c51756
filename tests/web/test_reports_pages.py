"""The reports page, its charts and CSV files and the API: who may open them, the filters, bad input."""

from __future__ import annotations

import re

import pytest

from medflow.domain.calendar import local_date
from medflow.persistence.base import utcnow
from medflow.web.charts import SVG_CSP


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


@pytest.fixture
def cases(api):
    """Two ordinary questions at LokalMED Skole (one answered) and a confidential one."""
    answered = api("lene").fire(api("anna").submit(title="Stole"), "accept")
    api("lene").fire(answered, "resolve", answer="Der kommer nye")
    api("anna").submit(title="Hemmelig klage over lederen", confidential=True)
    api("anna").submit(title="Kantinen")


def test_a_member_sees_the_figures_with_charts_tables_and_csv_but_no_case(pages, cases):
    page = pages("sara").get("/reports")  # a plain member: counts the confidential case, never sees it
    assert page.status_code == 200
    text = _text(page)
    assert "Sager pr. kvartal" in text and "Hele året" in text
    quarter = (local_date(utcnow()).month - 1) // 3 + 1
    opened = re.search(r"Sager oprettet((?: [\d,—%]+)+)", text).group(1).split()
    assert opened[quarter - 1] == opened[-1] == "3"  # the confidential case counts
    assert "Hemmelig" not in page.get_data(as_text=True) and "Stole" not in text
    assert 'data-testid="nav-reports"' in page.get_data(as_text=True)
    svg = pages("sara").get("/reports/cases.svg")
    assert svg.mimetype == "image/svg+xml" and svg.headers["Content-Security-Policy"] == SVG_CSP
    assert "<svg" in svg.get_data(as_text=True)
    csv = pages("sara").get(f"/reports/cases.csv?year={local_date(utcnow()).year}&committee=lok-skole")
    body = csv.get_data(as_text=True)
    assert csv.mimetype == "text/csv" and body.startswith("\ufeff;1. kvt.;2. kvt.;3. kvt.;4. kvt.;Hele året")
    assert "Sager oprettet;" in body and "Hemmelig" not in body


def test_the_api_answers_the_same_figures_as_json(api, cases):
    body = api("lene").get("/reports/cases?committee=lok-skole&level=lokal").get_json()
    assert body["committee"] == "lok-skole" and body["level"] == "lokal" and body["topic"] is None
    cases_table = next(t for t in body["tables"] if t["id"] == "cases")
    assert cases_table["columns"] == ["q1", "q2", "q3", "q4", "year"]
    rows = {r["key"]: r["values"] for r in cases_table["rows"]}
    assert rows["opened"][-1] == 3 and rows["resolved"][-1] == 1
    tables = ["cases", "times", "right_level", "cascades", "activity", "levels"]
    assert [t["id"] for t in body["tables"]] == tables


def test_an_employee_without_a_committee_may_not_open_the_reports(pages, api):
    page = pages("anna").get("/reports")
    assert page.status_code == 403
    assert 'data-testid="nav-reports"' not in pages("anna").get("/cases/mine").get_data(as_text=True)
    assert api("anna").get("/reports/cases").status_code == 403


@pytest.mark.parametrize(("query", "status"), [
    ("year=1999", 400), ("year=abc", 400), ("committee=nope", 404), ("level=nope", 404), ("topic=nope", 404),
    ("committee=" + "x" * 81, 400),
])
def test_bad_filters_get_a_clear_answer(pages, api, query, status):
    page = pages("lene").get(f"/reports?{query}")
    assert page.status_code == status
    assert api("lene").get(f"/reports/cases?{query}").status_code == status
    assert api("lene").get(f"/reports/cases?{query}").get_json()["error"]


def test_an_unknown_table_is_not_found(pages):
    assert pages("lene").get("/reports/nope.svg").status_code == 404
    assert pages("lene").get("/reports/nope.csv").status_code == 404


def test_narrowed_to_a_topic_cascades_and_meetings_show_no_figure(pages):
    text = _text(pages("admin").get("/reports?topic=arbejdsmiljoe-psykisk&level=lokal"))
    assert "Afholdte møder — — — — —" in text
