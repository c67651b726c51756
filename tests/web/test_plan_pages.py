"""The plan pages: read by the committee and those below, kept by its officers, uploaded whole or not at all."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

PLANS = Path(__file__).resolve().parents[2] / "workflows" / "plans"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def _upload(client, key: str, text: str, name: str = "plan.yaml", **extra):
    return client.post(
        f"/committees/{key}/plan/import",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(text.encode()), name), **extra},
    )


@pytest.fixture
def kommune_plan(pages):
    """Import KommuneMED's plan 2013-14 through the upload form as its chair."""
    text = (PLANS / "kommunemed-2013-2014.yaml").read_text(encoding="utf-8")
    response = _upload(pages("kim"), "kommunemed", text, "kommunemed-2013-2014.yaml")
    assert response.status_code == 302
    return text


def test_an_officer_uploads_a_plan_and_everyone_below_reads_it_with_its_timeline(pages, kommune_plan):
    page = pages("anna").get("/committees/kommunemed/plan")
    assert page.status_code == 200
    text = _text(page)
    assert "Strategiplan for KommuneMED 2013-2014" in text and "Trivsel og psykisk arbejdsmiljø" in text
    assert "3-4. kvt. 2014" in text and "efterår 2014" in text and "forsinket" in text
    assert "Tilføj mål" not in text  # anna reads, the officers keep
    svg = pages("anna").get("/committees/kommunemed/plan/timeline.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"4. kvt. 2013" in svg.data
    assert "default-src 'none'" in svg.headers["Content-Security-Policy"]
    assert (
        pages("kim").get("/committees/kommunemed/plan.yaml").data.decode().startswith("committee: kommunemed")
    )
    assert (
        pages("kim").get("/committees/kommunemed").get_data(as_text=True).count("/committees/kommunemed/plan")
        >= 1
    )


def test_a_plan_is_not_shown_to_those_of_other_branches(pages, kommune_plan):
    hoved = (PLANS / "hovedudvalg.yaml").read_text(encoding="utf-8")
    assert _upload(pages("ole"), "omr-born", hoved, "hovedudvalg.yaml").status_code == 302
    assert pages("peter").get("/committees/omr-born/plan").status_code == 404
    assert pages("peter").get("/committees/omr-born/plan/timeline.svg").status_code == 404
    assert pages("anna").get("/committees/omr-born/plan").status_code == 200
    assert "Hovedudvalgets strategiplan" in _text(
        pages("anna").get("/committees/kommunemed/plan")
    )  # other plans


def test_a_bad_file_lists_every_problem_with_its_line_and_writes_nothing(pages):
    bad = (
        "title: Plan\nperiod: 2013-2014\nsubjects:\n  - title: A\n    initiatives:\n      - text: B\n"
        "        periods: [sommer 2014]\n  - intro: x\n"
    )
    refused = _upload(pages("kim"), "kommunemed", bad, "ny.yaml")
    assert refused.status_code == 400
    listed = refused.get_data(as_text=True).split('class="problems"')[1].split("</ul>")[0]
    problems = re.findall(r"<li>(.*?)</li>", listed)
    assert problems[0].startswith("ny.yaml:7: subject 1, initiative 1: &#39;sommer 2014&#39; is not a period")
    assert problems[1] == "ny.yaml:8: subject 2: &#39;title&#39; is required"
    assert "har ingen strategiplan endnu" in _text(pages("kim").get("/committees/kommunemed/plan"))
    assert _upload(pages("anna"), "kommunemed", bad).status_code == 403
    checked = _upload(
        pages("kim"),
        "kommunemed",
        (PLANS / "hovedudvalg.yaml").read_text(encoding="utf-8"),
        "h.yaml",
        check_only="on",
    )
    assert checked.status_code == 200 and "Intet er gemt" in _text(checked)


def test_an_officer_marks_an_initiative_done_with_a_note_and_waiting_names_its_decision(pages, kommune_plan):
    kim = pages("kim")
    page = kim.get("/committees/kommunemed/plan").get_data(as_text=True)
    first = re.search(r'href="/initiatives/(\d+)"', page).group(1)
    assert (
        kim.post(f"/initiatives/{first}/status", data={"status": "waiting", "decision": ""}).status_code == 400
    )
    assert (
        kim.post(
            f"/initiatives/{first}/status", data={"status": "waiting", "decision": "Byrådets budget"}
        ).status_code
        == 302
    )
    done = kim.post(
        f"/initiatives/{first}/status",
        data={"status": "done", "note": "Alle har handleplaner"},
        follow_redirects=True,
    )
    text = _text(done)
    assert "Gennemført" in text and "Venter på en beslutning (Byrådets budget)" in text
    assert "Alle har handleplaner" in text
    assert pages("anna").post(f"/initiatives/{first}/status", data={"status": "dropped"}).status_code == 403
    assert pages("peter").get(f"/initiatives/{first}").status_code == 200  # KommuneMED is above everyone


def test_a_case_page_tags_the_case_with_a_focus_area_of_the_plan_above(pages, kommune_plan, api):
    case = api("anna").submit(title="Stress i indskolingen")
    page = pages("lene").get(f"/cases/{case['id']}").get_data(as_text=True)
    assert 'data-testid="case-focus"' in page
    subject = re.search(r'<option value="(\d+)">Trivsel og psykisk arbejdsmiljø', page).group(1)
    saved = pages("lene").post(
        f"/cases/{case['id']}/focus-area", data={"focus_area": subject}, follow_redirects=True
    )
    assert re.search(rf'<option value="{subject}" selected>', saved.get_data(as_text=True))
    assert "Sager knyttet til dette indsatsområde: 1" in _text(pages("lene").get("/committees/kommunemed/plan"))
    assert "Sager knyttet" not in _text(pages("pia").get("/committees/kommunemed/plan"))  # not a case she sees
    assert pages("lene").post(f"/cases/{case['id']}/focus-area", data={"focus_area": "x"}).status_code == 400
    assert pages("anna").post(f"/cases/{case['id']}/focus-area", data={"focus_area": ""}).status_code == 403
