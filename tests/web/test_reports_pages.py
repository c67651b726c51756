"""The reports page, its charts and CSV files and the API: who may open them, the filters, bad input."""

from __future__ import annotations

import re

from medflow.web.charts import SVG_CSP


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_a_chair_opens_the_reports_with_charts_tables_and_csv(pages, api):
    case = api("anna").submit()
    api("lene").fire(case, "accept")
    page = pages("lene").get("/reports")
    assert page.status_code == 200, page.get_data(as_text=True)
    print(_text(page))
