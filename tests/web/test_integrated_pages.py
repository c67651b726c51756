"""The features joined up: a topic on the new-case form, route and due dates, navigation for all."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from medflow.domain.calendar import working_moment
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case
from medflow.services.sweep import sweep


def case_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Case))


def test_a_topic_from_the_guide_is_preselected_with_its_case_type_and_committee(pages):
    page = pages("anna").get("/cases/new?topic=stresspolitik").text
    option = re.search(r'<option[^>]*value="stresspolitik"[^>]*>', page).group(0)
    assert "selected" in option and 'data-workflow="question"' in option
    assert '<input checked id="workflow-0" name="workflow" type="radio" value="question">' in page
    assert re.search(r'id="goes-to-name">KommuneMED<', page)
    assert '<option value="">Andet / ved ikke</option>' in page
    assert '<optgroup label="Spørgsmål til MED · KommuneMED (Hovedudvalget)">' in page


def test_topic_labels_follow_the_language(pages):
    page = pages("anna", lang="en").get("/cases/new").text
    assert "Other / don&#39;t know" in page or "Other / don't know" in page
    assert "Stress policy" in page


def test_a_direct_kommune_topic_starts_at_kommunemed_and_the_case_type_follows_the_topic(app, pages, api):
    anna = pages("anna")
    response = anna.post("/cases/new", data={"topic": "stresspolitik", "workflow": "work_environment",
                                             "title": "Gælder stresspolitikken vikarer?"})
    assert response.status_code == 302
    case = api("anna").get(f"/cases/{response.location.rsplit('/', 1)[1]}").get_json()
    assert (case["holder"], case["workflow"], case["topic"]) == ("kommunemed", "question", "stresspolitik")
    page = anna.get(response.location).text
    assert 'id="case-topic-level" data-level="kommune"' in page
    assert f'href="/cases/{case["id"]}/diagram"' in page


def test_a_local_topic_brings_its_category_and_starts_at_the_workplace(pages, api):
    response = pages("anna").post("/cases/new", data={"topic": "vold-og-trusler", "title": "Trussel i SFO"})
    assert response.status_code == 302
    case = api("anna").get(f"/cases/{response.location.rsplit('/', 1)[1]}").get_json()
    assert (case["holder"], case["workflow"], case["data"]["category"]) == (
        "lok-skole", "work_environment", "violence_threat")


def test_other_or_dont_know_opens_the_chosen_case_type_without_a_topic(pages, api):
    response = pages("anna").post("/cases/new", data={"topic": "", "workflow": "question", "title": "Noget"})
    case = api("anna").get(f"/cases/{response.location.rsplit('/', 1)[1]}").get_json()
    assert (case["holder"], case["topic"]) == ("lok-skole", None)


def test_an_unknown_topic_is_shown_next_to_the_field_and_nothing_is_written(app, pages):
    before = case_count(app)
    response = pages("anna").post("/cases/new", data={"topic": "nope", "workflow": "question", "title": "X"})
    assert response.status_code == 400
    assert '<p class="error" id="topic-error">Vælg et emne på listen.</p>' in response.text
    assert case_count(app) == before


def test_inbox_and_case_page_show_due_and_overdue(app, pages, api):
    fresh = api("anna").submit(title="Frisk sag")["id"]
    late = api("anna").submit(title="Glemt sag")["id"]
    with app.app_context():
        db.session.get(Case, late).state_due_at = utcnow() - timedelta(days=2)
        db.session.commit()
    lene = pages("lene")
    inbox = lene.get("/committees/lok-skole").text
    assert "<th scope=\"col\">Frist</th>" in inbox
    rows = dict(re.findall(r'#(\d+) [^<]*</a>.*?(<span class="due[^"]*"[^>]*>)', inbox, re.S))
    assert 'data-overdue="true"' in rows[str(late)] and "overdue" not in rows[str(fresh)]
    late_page = lene.get(f"/cases/{late}").text
    assert re.search(r'id="case-due"><span class="due overdue"[^>]*>Overskredet siden', late_page)
    fresh_page = lene.get(f"/cases/{fresh}").text
    assert re.search(r'id="case-due"><span class="due"[^>]*>\d+\. \w+\. \d{4}<', fresh_page)


def test_a_system_escalation_reads_as_words_in_the_timeline(app, pages, api):
    case_id = api("anna").submit(title="Ingen svarer")["id"]
    with app.app_context():
        # 10 working days to take a question up: 30 days on, and in working hours, it is overdue
        sweep(db.session, app.extensions["medflow.engines"], now=working_moment(utcnow() + timedelta(days=30)))
    page = pages("anna").get(f"/cases/{case_id}").text
    assert "af systemet" in page
    assert "Automatisk: sagen havde været »Ny« i mere end 10 arbejdsdage." in page
    assert "deadline_" not in page and "<dt>rule</dt>" not in page


@pytest.mark.parametrize("path", ["/flowchart", "/guide", "/guide?topic=apv", "/login"])
def test_public_pages_show_the_public_navigation_without_personal_links(pages, path):
    page = pages().get(path)
    assert page.status_code == 200
    assert 'data-testid="nav-flowchart"' in page.text and 'data-testid="nav-guide"' in page.text
    assert "Hvor går jeg hen?" in page.text
    assert "nav-notifications" not in page.text and "Log ind" in page.text


def test_the_navigation_shows_notifications_information_and_send_out_to_those_who_may(pages):
    kim, anna = pages("kim").get("/cases").text, pages("anna").get("/cases").text
    for page in (kim, anna):
        assert 'data-testid="nav-notifications"' in page and 'href="/information"' in page
    assert 'data-testid="nav-send-out"' in kim and 'data-testid="nav-send-out"' not in anna
    assert "Send ud" in kim
