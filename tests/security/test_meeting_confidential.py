"""An agenda item of a confidential case shows each reader what the one visibility rule lets them see.

The title is copied from the case onto its agenda item; members the rule excludes (here Sara, a
member, and Amir, the AMR of LokalMED Skole) read the number and "Fortrolig sag" on the agenda,
the minutes, both PDFs and the meeting API, while the chair (Lene) reads the title.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests import factories
from tests.meeting_helpers import MEETING_ORG, in_days

TITLE = "Hemmelig sag om Bo"


@pytest.fixture
def world(app, pages):
    """Plan a meeting of LokalMED Skole; Anna's confidential case is accepted; return (meeting, case)."""
    from medflow.extensions import db

    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
    api = factories.ApiClients(app)
    case = api("lene").fire(api("anna").submit(title=TITLE, confidential=True), "accept")
    meeting = api("sonja").post("/committees/lok-skole/meetings", {
        "date": in_days(7).isoformat(), "start_time": "14:00", "end_time": "16:00", "place": "Mødelokale 2"})
    assert meeting.status_code == 201, meeting.get_json()
    return api, meeting.get_json(), case


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)


def test_the_secretary_who_may_not_read_the_case_sees_its_number_in_the_list_to_schedule(world, pages):
    _, meeting, case = world
    page = pages("sonja").get(f"/meetings/{meeting['id']}").get_data(as_text=True)
    assert f"#{case['id']}" in page and "Fortrolig sag" in page
    assert TITLE not in page


def test_an_excluded_member_reads_only_the_number_on_every_meeting_channel(world, pages):
    api, meeting, case = world
    put = api("lene").post(f"/meetings/{meeting['id']}/items", {"case": case["id"], "version": case["version"]})
    assert put.status_code == 201, put.get_json()
    base = f"/meetings/{meeting['id']}"
    for who in ("sara", "amir"):
        client = pages(who)
        for path in (base, f"{base}/minutes"):
            text = client.get(path).get_data(as_text=True)
            assert f"#{case['id']} Fortrolig sag" in text, (who, path)
            assert TITLE not in text, (who, path)
        for path in (f"{base}/agenda.pdf", f"{base}/minutes.pdf"):
            assert TITLE not in _pdf_text(client.get(path)), (who, path)
        body = api(who).get(base).get_json()
        [item] = [i for i in body["items"] if i["kind"] == "case"]
        assert item["confidential"] is True and TITLE not in str(body), who
    assert TITLE in pages("lene").get(base).get_data(as_text=True)
    [item] = [i for i in api("lene").get(base).get_json()["items"] if i["kind"] == "case"]
    assert (item["title"], item["confidential"]) == (TITLE, False)
