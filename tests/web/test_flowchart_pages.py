"""The flowchart, the guide and the workflow diagrams: public pages without personal data."""

import html as htmllib
import re

import pytest
from flask import render_template_string

from medflow.extensions import db
from medflow.persistence.models import Case
from medflow.workflows import topics
from tests.factories import ORG, log_in_client

PEOPLE = [p["name"] for p in ORG["people"]]


login_as = log_in_client


@pytest.fixture
def client(app, org):
    """Return a test client for pages, with the test organisation loaded."""
    return app.test_client()


def _page(client, url: str) -> str:
    """Return a page's HTML with character references resolved (Graphviz writes - as &#45;)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return htmllib.unescape(response.get_data(as_text=True))


def test_flowchart_shows_every_topic_in_its_lane_without_login_or_personal_data(app, client):
    html = _page(client, "/flowchart")

    with app.app_context():
        catalog = topics()
    lanes = dict(re.findall(r'<tbody id="table-lane-(\w+)" data-level="\w+">(.*?)</tbody>', html, re.S))
    for t in catalog.topics:
        assert f'data-topic="{t.key}" data-level="{t.level}"' in lanes[t.level]
        assert f'id="topic-{t.key}"' in html  # the drawing's box
    assert "<svg" in html and 'href="/static/print-landscape.css"' in html  # A4 landscape, not inline CSS
    assert "@page { size: A4 landscape" in client.get("/static/print-landscape.css").text
    assert not [name for name in PEOPLE if name in html]


def test_flowchart_page_shows_the_table_and_sources_when_graphviz_is_missing(app, client):
    app.config["GRAPHVIZ_DOT"] = "no-such-graphviz-program"

    html = _page(client, "/flowchart")

    assert 'id="no-graphviz"' in html and "<svg" not in html
    assert 'id="flowchart-table"' in html and 'href="/flowchart.dot"' in html
    assert client.get("/flowchart.svg").status_code == 503
    assert client.get("/flowchart.dot").status_code == 200


@pytest.mark.parametrize("url, mimetype, start", [
    ("/flowchart.svg", "image/svg+xml", "<?xml"),
    ("/flowchart.dot", "text/vnd.graphviz", "digraph medflow_flowchart {"),
    ("/flowchart.mmd", "text/plain", "---\ntitle: Hvilke opgaver"),
    ("/flowchart.csv", "text/csv", "level,level_label,key,label"),
    ("/workflows/question.svg", "image/svg+xml", "<?xml"),
    ("/workflows/question.dot", "text/vnd.graphviz", "digraph"),
    ("/workflows/work_environment.mmd", "text/plain", "---\nArbejdsmiljøsag"),
])
def test_diagram_sources_download_without_login(client, url, mimetype, start):
    response = client.get(url)

    assert (response.status_code, response.mimetype) == (200, mimetype)
    assert response.get_data(as_text=True).startswith(start)


def test_guide_lists_topics_and_tells_a_visitor_the_level_but_not_who_sits_there(client):
    assert 'data-topic="stresspolitik"' in _page(client, "/guide")

    html = _page(client, "/guide?topic=apv&lang=en")

    assert "LokalMED / arbejdsmiljøgruppe (workplace)" in html
    assert 'href="/cases/new?topic=apv"' in html
    assert "Log in to see who sits in your committee." in html
    assert not [name for name in PEOPLE if name in html]


def test_guide_names_an_employees_own_committee_and_its_members(app, client):
    login_as(app, client, "anna")

    html = _page(client, "/guide?topic=apv&lang=en")

    committee = re.search(r'id="guide-committee">.*?<strong>(.*?)</strong>', html, re.S).group(1)
    members = re.findall(r"<li>(.*?) — (.*?)</li>", html)
    assert committee == "LokalMED Skole"
    assert members[0] == ("Lene Leder", "Chair")
    assert ("Amir AMR", "AMR (working-environment representative)") in members
    assert ("Tove TR", "Vice chair, TR (union representative)") in members
    assert len(members) == len({name for name, _roles in members})


def test_guide_sends_a_direct_kommune_topic_to_kommunemed_by_name(app, client):
    login_as(app, client, "peter")

    html = _page(client, "/guide?topic=stresspolitik")

    assert re.search(r'id="guide-committee">.*?<strong>KommuneMED</strong>', html, re.S)
    assert "Kim Direktør — Formand" in html


def test_workflow_page_lists_states_and_events_with_the_diagram(client):
    html = _page(client, "/workflows/work_environment")

    assert 'id="state-action_plan"' in html and 'data-event="follow_up"' in html
    assert client.get("/workflows/complaint").status_code == 404


def test_the_states_table_says_whether_a_deadline_counts_working_days(client):
    rows = _page(client, "/workflows/question").split('id="states-table"')[1].split("</table>")[0]
    submitted, accepted = (rows.split(f'data-state="{name}"')[1].split("</tr>")[0]
                           for name in ("submitted", "accepted"))
    assert "10 arbejdsdage" in submitted and "60 dage" in accepted


def test_a_case_diagram_highlights_the_current_state_for_those_who_may_see_it(app, client, api):
    case = api("anna").submit()
    case = api("lene").fire(case, "accept")
    login_as(app, client, "anna")

    svg = client.get(f"/cases/{case['id']}/diagram.svg")
    html = _page(client, f"/cases/{case['id']}/diagram")

    assert svg.status_code == 200
    current = re.search(r'<g id="state-accepted" class="([^"]+)">(.*?)</g>',
                        htmllib.unescape(svg.get_data(as_text=True)), re.S)
    assert "current" in current.group(1) and "#d6e9f8" in current.group(2)
    assert 'data-state="accepted" class="current-state"' in html


def test_a_case_diagram_is_hidden_from_those_who_may_not_see_the_case(app, client, api):
    case = api("anna").submit()

    anonymous = client.get(f"/cases/{case['id']}/diagram.svg")
    assert (anonymous.status_code, anonymous.headers["Location"].split("?")[0]) == (302, "/login")
    login_as(app, client, "peter")
    assert client.get(f"/cases/{case['id']}/diagram.svg").status_code == 404
    assert client.get(f"/cases/{case['id']}/diagram").status_code == 404


def test_the_case_route_partial_shows_the_topics_level_and_the_path_so_far(app, api):
    case = api("anna").submit(topic="budget-kommune")
    case = api("lene").fire(case, "accept")
    api("lene").fire(case, "forward", comment="Besluttes centralt")

    with app.test_request_context("/?lang=en"):
        html = render_template_string('{% include "flowchart/_case_route.html" %}',
                                      case=db.session.get(Case, case["id"]), current_locale="en")

    assert 'data-level="kommune">KommuneMED (main committee)</dd>' in html
    assert re.findall(r'<li data-committee="([\w-]+)">', html) == ["lok-skole", "omr-born"]
    assert f'href="/cases/{case["id"]}/diagram"' in html
