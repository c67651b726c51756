"""The annual cycle's pages as people use them: add and publish from above, see it below, plan, roll-up."""

from __future__ import annotations

import re

import pytest

from medflow.extensions import db
from tests import factories
from tests.meeting_helpers import in_days

SECTIONS = "Blev sidste års mål nået?\nSamarbejdsform og mødeintervaller"


@pytest.fixture
def people(app, pages):
    """Return page clients for the cascade organisation (KommuneMED, two areas, six workplaces)."""
    with app.app_context():
        factories.load_org(db.session, factories.CASCADE_ORG)
    return pages


def add(client, key: str, **fields) -> None:
    response = client.post(f"/committees/{key}/cycle", data=fields)
    assert response.status_code == 302, response.text


def item_id(html: str, title: str) -> str:
    return re.search(r'data-testid="cycle-item-(\d+)">\s*<summary>' + re.escape(title), html).group(1)


def test_an_item_published_from_above_lands_on_a_workplace_meeting_and_in_the_rollup(app, people):
    kim = people("kim")
    add(kim, "kommunemed", title="Den årlige arbejdsmiljødrøftelse", kind="year", template=SECTIONS)
    page = kim.get("/committees/kommunemed/cycle").text
    published = kim.post(f"/committees/kommunemed/cycle/{item_id(page, 'Den årlige')}/publish",
                         data={"levels": "lokal"})
    assert published.status_code == 302 and "/cascades/" in published.headers["Location"]
    rollup = kim.get(published.headers["Location"]).text
    assert 'data-testid="cycle-rollup"' in rollup and rollup.count('data-state="due"') == 6
    assert "Status hos udvalgene nedenunder" in kim.get("/committees/kommunemed/cycle").text

    lene = people("lene")
    cycle = lene.get("/committees/lok-skole/cycle").text
    assert "Fra KommuneMED" in cycle and "Endnu ikke på et møde" in cycle
    mine = item_id(cycle, "Den årlige")
    assert lene.post(f"/committees/lok-skole/cycle/{mine}/drop").status_code == 409
    planned = lene.post("/committees/lok-skole/meetings", data={"date": in_days(0).isoformat(),
                                                                "start_time": "23:00", "end_time": "23:30"})
    agenda = lene.get(planned.headers["Location"]).text
    assert "Den årlige arbejdsmiljødrøftelse" in agenda
    assert "Fra årshjulet" in agenda and "Fra KommuneMED" in agenda
    assert 'data-state="planned"' in lene.get("/committees/lok-skole/cycle").text
    assert 'data-state="planned"' in kim.get(published.headers["Location"]).text
    cascade_id = published.headers["Location"].rsplit("/", 1)[1]
    cycle = factories.ApiClients(app)("kim").get(f"/cascades/{cascade_id}").get_json()["cycle"]
    states = {row["committee"]: row["state"] for row in cycle["committees"]}
    assert states.pop("lok-skole") == "planned" and set(states.values()) == {"due"}
    assert len(cycle["not_held"]) == 6 and cycle["title"] == "Den årlige arbejdsmiljødrøftelse"


def test_a_committees_own_items_are_edited_moved_and_dropped_by_its_officers_only(people):
    lene = people("lene")
    add(lene, "lok-skole", title="Trivselsmåling", kind="quarter", quarter="2", text="Resultaterne drøftes")
    page = lene.get("/committees/lok-skole").text
    assert 'data-testid="committee-cycle"' in page
    cycle = lene.get("/committees/lok-skole/cycle").text
    mine = item_id(cycle, "Trivselsmåling")
    assert lene.post(f"/committees/lok-skole/cycle/{mine}/place", data={"month": "5"}).status_code == 302
    assert "Lagt i maj" in lene.get("/committees/lok-skole/cycle").text
    assert lene.post(f"/committees/lok-skole/cycle/{mine}/place", data={"month": "9"}).status_code == 400
    assert lene.post("/committees/lok-skole/cycle", data={"title": "APV", "kind": "year",
                                                          "every_years": "3"}).status_code == 400
    assert people("sara").post(f"/committees/lok-skole/cycle/{mine}/drop").status_code == 403
    assert "Trivselsmåling" in people("sara").get("/committees/lok-skole/cycle").text
    assert people("anna").get("/committees/lok-skole/cycle").status_code == 404
    assert lene.post(f"/committees/lok-skole/cycle/{mine}/drop").status_code == 302
    assert "Trivselsmåling" not in lene.get("/committees/lok-skole/cycle").text


def test_the_chair_reads_the_overdue_reminder_in_danish_with_a_link_to_the_cycle(app, people):
    from datetime import UTC, datetime

    from sqlalchemy import select

    from medflow.persistence.models import Person
    from medflow.services.cycle import items
    from medflow.services.sweep import sweep

    with app.app_context():
        lene = db.session.scalar(select(Person).where(Person.email == "lene@example.dk"))
        items.add_item(db.session, lene, "lok-skole", items.ItemForm(title="Sygefravær", kind="quarterly"),
                       now=datetime(2026, 9, 1, tzinfo=UTC))
        sweep(db.session, app.extensions["medflow.engines"], now=datetime(2027, 1, 5, 9, tzinfo=UTC))
    page = people("lene").get("/notifications").text
    assert "Sygefravær&#34; skulle have været behandlet i LokalMED Skole fra 2026-10-01 til 2026-12-31" in page
    assert 'href="/committees/lok-skole/cycle">Årshjul</a>' in page
