"""Every notification a person reads is in their language, never an event's internal key."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from medflow.notify import MESSAGES, message


def test_every_event_of_every_workflow_has_its_own_notification_text(app):
    events = {e for engine in app.extensions["medflow.engines"].values() for e in engine.definition.events()}
    assert events - set(MESSAGES) == set()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_notification_text_shows_an_internal_key(app, lang):
    with app.test_request_context(), force_locale(lang):
        for kind in [*MESSAGES, "some_future_event"]:
            text = message(kind, {"committee": "LokalMED Skole", "due": "2027-01-14", "count": 3, "title": "T"})
            assert not re.search(r"\([a-z_]+\)", text), text
            assert "some_future_event" not in text


def test_a_work_environment_assessment_is_told_in_danish(api, pages):
    case = api("amir").submit("work_environment", title="Støj", category="physical",
                              location="Kantinen", what_happened="Høj støj.")
    case = api("lene").fire(case, "accept")
    api("lene").fire(case, "assess", risk_level="medium", comment="Målt 85 dB")
    page = pages("amir").get("/notifications").text
    assert "LokalMED Skole har vurderet risikoen." in page and "(assess)" not in page
