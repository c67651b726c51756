"""Hostile input over every web form: generated fields and values posted to every page route that
takes a POST, as an administrator, a chair and a secretary; the answer is never a 5xx."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from medflow.domain.definitions import EVENT_FIELDS
from tests import factories
from tests.meeting_helpers import MEETING_ORG, in_days

FIELDS = (*EVENT_FIELDS, "event", "version", "case", "case_version", "item", "direction", "title", "text",
          "minutes", "decision", "internal", "date", "start_time", "end_time", "place", "online_link", "what",
          "audience", "workplace", "channel", "story_title", "story_text", "email", "name", "key", "level",
          "parent", "role", "person", "committee", "kind", "body", "levels", "branches", "workflow",
          "description", "confidential", "topic", "hour", "submitted", "committees", "deadlines",
          "information", "active", "admin", "confirm")
NASTY = ("", "0", "-1", "1", "2", "9223372036854775808", "1e9", "x", "2027-02-30", "31-12-2026", "25:61",
         "\x00", "lok-skole", "kommunemed", "resolve", "accept", "up", "chair", "a" * 5000,
         "<script>alert(1)</script>", "' OR 1=1 --")
# A browser cannot send an unpaired surrogate in a form (it is not UTF-8); the API's fuzz sends them.
VALUES = st.one_of(st.sampled_from(NASTY), st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def post_routes(app) -> list[str]:
    """Return every page route that takes a POST (not the API, which its own fuzz covers), filled in."""
    def fill(match: re.Match) -> str:
        return "1" if match.group(1) == "int" else "lok-skole"
    return sorted({ARGUMENT.sub(fill, rule.rule) for rule in app.url_map.iter_rules()
                   if "POST" in rule.methods and not rule.rule.startswith("/api/")
                   and rule.rule not in ("/login", "/logout")})


@pytest.fixture
def world(app, pages, api):
    """The meeting organisation with an accepted case on a planned meeting; return the routes."""
    from medflow.extensions import db

    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
    case = api("lene").fire(api("anna").submit(title="Nye stole"), "accept")
    meeting = pages("sonja").post("/committees/lok-skole/meetings", data={
        "date": in_days(7).isoformat(), "start_time": "14:00", "end_time": "16:00", "place": "Mødelokale 2"})
    assert meeting.status_code == 302 and case["id"] == 1
    return post_routes(app)


@settings(max_examples=200, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_form_answers_5xx_to_hostile_fields(app, pages, world, data):
    route = data.draw(st.sampled_from(world), label="route")
    who = data.draw(st.sampled_from(("admin", "lene", "sonja")), label="who")
    form = data.draw(st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8), label="form")
    response = pages(who).post(route, data=form)
    event(f"answered {response.status_code // 100}xx")  # shown with --hypothesis-show-statistics
    assert response.status_code < 500, (route, who, form, response.get_data(as_text=True)[:500])


def test_the_forms_cover_the_pages_that_change_things(app, world):
    for route in ("/cases/1/events", "/meetings/1/items", "/committees/lok-skole/meetings", "/cascades/new"):
        assert route in world
