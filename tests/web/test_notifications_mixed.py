"""A chair's notification page and API list meeting and case notifications side by side."""

from __future__ import annotations

from medflow.extensions import db
from medflow.persistence.models import Notification
from medflow.services.meetings import planning
from tests import factories
from tests.meeting_helpers import MEETING_ORG, accepted_case, in_days, person


def _meeting_and_case_notifications(app) -> tuple[int, int]:
    """Plan a meeting and accept a case; give Lene one notification about each; return their ids."""
    with app.test_request_context():
        factories.load_org(db.session, MEETING_ORG)
        case_id = accepted_case(app, "Nye stole i personalerummet")
        meeting = planning.create_meeting(db.session, person("sonja"), "lok-skole",
                                          planning.MeetingPlan(date=in_days(7)))
        lene = person("lene")
        db.session.add_all([
            Notification(person_id=lene.id, meeting_id=meeting.id, kind="meeting_planned",
                         data={"committee": "LokalMED Skole", "date": in_days(7).isoformat()}),
            Notification(person_id=lene.id, case_id=case_id, kind="accept", data={}),
        ])
        db.session.commit()
        return meeting.id, case_id


def test_the_page_links_each_notification_to_its_meeting_or_case(app):
    meeting_id, case_id = _meeting_and_case_notifications(app)
    client = app.test_client()
    factories.log_in_client(app, client, "lene")
    page = client.get("/notifications")
    assert page.status_code == 200
    assert f'href="/meetings/{meeting_id}"' in page.text
    assert f'href="/cases/{case_id}"' in page.text and "Nye stole i personalerummet" in page.text


def test_the_api_lists_both_and_names_the_readable_case(app):
    _, case_id = _meeting_and_case_notifications(app)
    with app.app_context():
        token = factories.ApiClients(app)("lene")
    response = token.get("/notifications")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    [about_case] = [n for n in body["notifications"] if n["case_id"] == case_id and n["kind"] == "accept"]
    assert about_case["case_title"] == "Nye stole i personalerummet"
    [about_meeting] = [n for n in body["notifications"] if n["kind"] == "meeting_planned"]
    assert about_meeting["case_id"] is None and about_meeting["meeting_id"] is not None
