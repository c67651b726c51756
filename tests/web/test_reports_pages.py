"""The reports page, its charts and CSV files and the API: who may open them, the filters, bad input."""

from __future__ import annotations

import re

import pytest

from medflow.domain.calendar import local_date
from medflow.persistence.base import utcnow
from medflow.web.charts import SVG_CSP
from tests.web.test_plan_pages import PLANS, _upload
from tests.web.test_suggestions import TOKEN, _share_chairs


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
    tables = ["cases", "times", "right_level", "cascades", "activity", "suggestions", "levels"]
    assert body["focus_area"] is None
    assert [t["id"] for t in body["tables"]] == tables


def test_an_employee_without_a_committee_may_not_open_the_reports(pages, api):
    page = pages("anna").get("/reports")
    assert page.status_code == 403
    assert 'data-testid="nav-reports"' not in pages("anna").get("/cases/mine").get_data(as_text=True)
    assert api("anna").get("/reports/cases").status_code == 403


@pytest.mark.parametrize(("query", "status"), [
    ("year=1999", 400), ("year=abc", 400), ("committee=nope", 404), ("level=nope", 404), ("topic=nope", 404),
    ("committee=" + "x" * 81, 400), ("focus_area=abc", 400), ("focus_area=999999", 404),
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


def _this_quarter() -> int:
    return (local_date(utcnow()).month - 1) // 3 + 1


def _row(text: str, label: str) -> list[str]:
    return re.search(rf"{label}((?: [\d,—%]+)+)", text).group(1).split()


def test_suggestions_that_spared_a_case_are_counted_kommune_wide(pages, api):
    _share_chairs(pages, api)  # lene shares an answer about chairs (and her case is sent as usual)
    peter = pages("peter")  # at LokalMED Plejecenter
    assert peter.get(f"/answers/suggestions?title=Vores+stol+er+slidt&form={TOKEN}").status_code == 200
    form = {"workflow": "question", "title": "Vi mangler nye stole", "suggest_token": "another-form-0123456789"}
    assert peter.post("/cases/new", data=form).status_code == 200  # shown the answer first
    assert peter.post("/cases/new", data={**form, "checked": ["", "1"]}).status_code == 302  # sent anyway
    q = _this_quarter() - 1
    # two forms shown the answer, one sent a case anyway: one spared, 50 %; the same for a committee that
    # saw neither form, since the figure is the kommune's
    for query in ("", "?committee=lok-dagtilbud&topic=arbejdsmiljoe-psykisk"):
        text = _text(pages("dora").get(f"/reports{query}"))
        assert "Forslag, der sparede en sag" in text and "For hele kommunen" in text
        assert _row(text, "Fik vist et delt svar")[q] == _row(text, "Fik vist et delt svar")[-1] == "2"
        assert _row(text, "Sendte alligevel en sag")[-1] == "1" and _row(text, "Sendte ingen sag")[-1] == "1"
        assert _row(text, "Andel, der ikke sendte en sag")[q] == "50,0"
    body = api("dora").get("/reports/cases?committee=lok-dagtilbud").get_json()
    table = next(t for t in body["tables"] if t["id"] == "suggestions")
    rows = {r["key"]: r["values"][-1] for r in table["rows"]}
    assert rows == {"suggestions_shown": 2, "suggestions_sent": 1, "suggestions_spared": 1,
                    "suggestions_spared_share": 50.0}
    csv = pages("dora").get("/reports/suggestions.csv").get_data(as_text=True)
    assert "Sendte ingen sag;" in csv
    assert pages("dora").get("/reports/suggestions.svg").status_code == 200


def test_the_focus_area_filter_is_offered_where_focus_areas_exist_and_counts_tagged_cases(pages, api):
    assert 'name="focus_area"' not in pages("lene").get("/reports").get_data(as_text=True)
    text = (PLANS / "kommunemed-2013-2014.yaml").read_text(encoding="utf-8")
    assert _upload(pages("kim"), "kommunemed", text, "kommunemed-2013-2014.yaml").status_code == 302
    page = pages("lene").get("/reports").get_data(as_text=True)
    subject = re.search(r'<option value="(\d+)">Trivsel og psykisk arbejdsmiljø · KommuneMED', page).group(1)
    tagged = api("anna").submit(title="Stress i indskolingen")
    api("anna").submit(title="Kantinen")  # not tagged: not counted
    tag = pages("lene").post(f"/cases/{tagged['id']}/focus-area", data={"focus_area": subject})
    assert tag.status_code == 302
    narrowed = pages("lene").get(f"/reports?focus_area={subject}")
    assert re.search(rf'<option value="{subject}" selected>', narrowed.get_data(as_text=True))
    assert _row(_text(narrowed), "Sager oprettet")[-1] == "1"
    assert "focus_area=" + subject in narrowed.get_data(as_text=True)  # the chart and CSV links keep it
    assert _row(_text(pages("lene").get("/reports")), "Sager oprettet")[-1] == "2"
    csv = pages("lene").get(f"/reports/cases.csv?focus_area={subject}").get_data(as_text=True)
    assert re.search(r"Sager oprettet;(\d+;){4}1\r\n", csv)
    body = api("lene").get(f"/reports/cases?focus_area={subject}").get_json()
    assert body["focus_area"] == int(subject)
    opened = next(r for r in body["tables"][0]["rows"] if r["key"] == "opened")
    assert opened["values"][-1] == 1
    hoved = (PLANS / "hovedudvalg.yaml").read_text(encoding="utf-8")
    assert _upload(pages("ole"), "omr-born", hoved, "hovedudvalg.yaml").status_code == 302
    ole_page = pages("ole").get("/reports").text
    other = re.search(r'<option value="(\d+)">[^<]*· OmrådeMED Børn', ole_page).group(1)
    assert pages("pia").get(f"/reports?focus_area={other}").status_code == 404  # a plan pia may not read
    assert f'value="{other}"' not in pages("pia").get("/reports").get_data(as_text=True)
