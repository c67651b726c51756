"""The annual pack in a browser at 1280 and 390 px: reached from the committee page, frozen by the minutes."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from medflow.domain.figures_csv import parse_figures_csv
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Meeting
from medflow.services import goals
from medflow.services.annual import discussion
from medflow.services.figures.importer import apply_figures, plan_figures
from medflow.services.meetings import minutes, planning
from tests.e2e.conftest import shot
from tests.e2e.test_meetings_in_browser import add_secretary_and_cases
from tests.e2e.test_phone_and_axe import PHONE, _scrolls_sideways
from tests.meeting_helpers import BEGUN, engines, in_days, person

YEAR = utcnow().year
DESK = {"width": 1280, "height": 900}


def held_discussion(live_app) -> None:
    """LokalMED Skole holds the annual discussion today: figures, last year's goal, sections, both approvals."""
    add_secretary_and_cases(live_app)
    with live_app.app_context():
        text = (
            f"Arbejdssted;År;Måned;Fraværsdage;Årsværk\nlok-skole;{YEAR};2;12;10\nlok-dagtilbud;{YEAR};2;6;3\n"
            f"lok-pleje;{YEAR};2;20;20\n"
        )
        parsed = parse_figures_csv(text, "sickness.csv", "sickness")
        apply_figures(db.session, None, parsed, plan_figures(db.session, parsed))
        lene, skole = person("lene"), planning.committee_by_key(db.session, person("lene"), "lok-skole")
        goal = goals.set_goal(
            db.session,
            lene,
            skole,
            "Sygefraværet under 5 % på hele skolen",
            year=YEAR - 1,
            owner=lene,
            due_on=date(YEAR, 6, 30),
        )
        goals.follow_up(db.session, lene, goal, "partly_met", "5,4 % i 4. kvartal; indsatsen fortsætter")
        db.session.commit()
        meeting = planning.create_meeting(
            db.session,
            person("sonja"),
            "lok-skole",
            planning.MeetingPlan(date=in_days(0), place="Mødelokale 2", **BEGUN),
        )
        discussion.put_on_agenda(db.session, person("sonja"), meeting.id, meeting.version, YEAR)
        discussion.save_sections(
            db.session,
            person("sonja"),
            skole,
            YEAR,
            {
                "collaboration": "Arbejdsmiljøgruppen er en del af LokalMED og går runder hvert kvartal.",
                "meeting_intervals": "Hver anden måned",
                "competence_plan": "Amir tager den supplerende uddannelse.",
            },
            [
                {
                    "text": "Færre stikskader i indskolingen",
                    "owner": "amir@example.dk",
                    "due_on": f"{YEAR + 1}-06-30",
                }
            ],
        )
        for who in ("lene", "tove"):
            minutes.approve(
                db.session,
                engines(live_app),
                person(who),
                meeting.id,
                db.session.get(Meeting, meeting.id).version,
            )


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["1280", "390"])
def test_the_chair_opens_the_frozen_pack_from_the_committee_page(live_app, as_user, size):
    held_discussion(live_app)
    lene = as_user("lene")
    lene.set_viewport_size(size)
    lene.goto("/committees/lok-skole")
    lene.get_by_test_id("committee-annual").click()
    expect(lene.get_by_role("heading", level=1)).to_contain_text(f"Årlig arbejdsmiljødrøftelse {YEAR}")
    expect(lene.get_by_test_id("pack-state")).to_contain_text("Holdt og godkendt")
    expect(lene.get_by_test_id("pack-goals")).to_contain_text("Delvist nået")
    expect(lene.get_by_test_id("pack-figures-sickness")).to_contain_text("6,0 %")
    expect(lene.get_by_test_id("pack-next-goals")).to_contain_text("Færre stikskader i indskolingen")
    expect(lene.get_by_test_id("training-table")).to_contain_text("Amir AMR")
    assert _scrolls_sideways(lene) == []
    shot(lene, f"annual-pack-{size['width']}")
