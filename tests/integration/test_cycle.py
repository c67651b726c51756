"""The annual cycle on both databases: items land on the right meeting, items from above, roll-up, sweep."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from medflow.domain.errors import Invalid, NotPossible
from medflow.extensions import db
from medflow.persistence.models import CycleItem, Meeting, Notification, OutboxMessage, Person
from medflow.services.cascade_views import rollup
from medflow.services.cycle import items, publish
from medflow.services.meetings import planning
from medflow.services.sweep import sweep
from tests import factories

AUTUMN = datetime(2026, 9, 1, 8, tzinfo=UTC)  # when the items are added and the meetings planned
SECTIONS = "Blev sidste års mål nået?\nSamarbejdsform og mødeintervaller\nMål for næste år"
DISCUSSION = items.ItemForm(title="Den årlige arbejdsmiljødrøftelse", kind="quarter", quarter=4,
                            template=SECTIONS)


@pytest.fixture
def s(app):
    """Return a session on the cascade organisation (KommuneMED, two areas, six workplaces)."""
    with app.app_context():
        factories.load_org(db.session, factories.CASCADE_ORG)
        yield db.session


def who(session, name: str) -> Person:
    return session.scalar(select(Person).where(Person.email == f"{name}@example.dk"))


def plan(session, name: str, key: str, day: date) -> Meeting:
    return planning.create_meeting(session, who(session, name), key, planning.MeetingPlan(date=day), now=AUTUMN)


def cycle_titles(meeting: Meeting) -> list[str]:
    return [i.title for i in meeting.items if i.cycle_item_id is not None]


def test_items_land_on_the_first_meeting_of_their_period_across_the_years_end(s):
    lene = who(s, "lene")
    items.add_item(s, lene, "lok-skole", DISCUSSION, now=AUTUMN)
    items.add_item(s, lene, "lok-skole", items.ItemForm(title="Budget", kind="month", month=1), now=AUTUMN)
    september = plan(s, "lene", "lok-skole", date(2026, 9, 20))
    december = plan(s, "lene", "lok-skole", date(2026, 12, 10))
    later = plan(s, "lene", "lok-skole", date(2026, 12, 17))
    january = plan(s, "lene", "lok-skole", date(2027, 1, 12))
    assert cycle_titles(september) == [] and cycle_titles(later) == []
    assert cycle_titles(december) == ["Den årlige arbejdsmiljødrøftelse"]
    assert cycle_titles(january) == ["Budget"]
    item = next(i for i in december.items if i.cycle_item_id)
    assert item.minutes.startswith("Blev sidste års mål nået?:") and item.kind == "free"
    kinds = [i.kind for i in december.items]
    assert kinds.index("free") > kinds.index("standing") and kinds.index("free") < kinds.index("closing")


def test_every_third_year_item_lands_only_in_its_years(s):
    lene = who(s, "lene")
    items.add_item(s, lene, "lok-skole", items.ItemForm(title="APV", kind="year", every_years=3,
                                                         start_year=2025), now=AUTUMN)
    assert cycle_titles(plan(s, "lene", "lok-skole", date(2027, 3, 1))) == []
    assert cycle_titles(plan(s, "lene", "lok-skole", date(2028, 3, 1))) == ["APV"]
    assert cycle_titles(plan(s, "lene", "lok-skole", date(2028, 6, 1))) == []


def test_a_placed_item_waits_for_its_month_and_the_next_meeting_tomorrow_gets_it(s):
    lene = who(s, "lene")
    item = items.add_item(s, lene, "lok-skole", DISCUSSION, now=AUTUMN)
    items.place_item(s, lene, "lok-skole", item.id, "11")
    assert cycle_titles(plan(s, "lene", "lok-skole", date(2026, 10, 15))) == []
    assert cycle_titles(plan(s, "lene", "lok-skole", date(2026, 11, 5))) == ["Den årlige arbejdsmiljødrøftelse"]


def published(s) -> CycleItem:
    kim = who(s, "kim")
    item = items.add_item(s, kim, "kommunemed", DISCUSSION, now=AUTUMN)
    return publish.publish_down(s, kim, "kommunemed", item.id, levels=("lokal",), now=AUTUMN)


def test_an_item_published_from_above_is_in_each_cycle_below_and_can_be_moved_but_not_dropped(s):
    source = published(s)
    copies = s.scalars(select(CycleItem).where(CycleItem.source_id == source.id)).all()
    assert sorted(c.committee.key for c in copies) == sorted(
        ["lok-skole", "lok-dagtilbud", "lok-sfo", "lok-pleje", "lok-hjemmepleje", "lok-aktiv"])
    mine = next(c for c in copies if c.committee.key == "lok-skole")
    lene = who(s, "lene")
    with pytest.raises(NotPossible):
        items.drop_item(s, lene, "lok-skole", mine.id)
    with pytest.raises(NotPossible):
        items.edit_item(s, lene, "lok-skole", mine.id,
                        items.ItemForm(title="Noget andet", kind="month", month=3))
    with pytest.raises(Invalid):
        items.place_item(s, lene, "lok-skole", mine.id, 3)
    assert items.place_item(s, lene, "lok-skole", mine.id, 12).placed_month == 12
    assert cycle_titles(plan(s, "lene", "lok-skole", date(2026, 12, 3))) == ["Den årlige arbejdsmiljødrøftelse"]
    with pytest.raises(NotPossible):
        publish.publish_down(s, who(s, "kim"), "kommunemed", source.id)


def test_the_cascades_rollup_shows_which_committees_have_not_held_it_this_period(s):
    source = published(s)
    plan(s, "lene", "lok-skole", date(2026, 11, 10))
    plan(s, "dora", "lok-dagtilbud", date(2027, 1, 20))  # next year: not this period
    during = rollup(s, who(s, "kim"), source.cascade_id, now=datetime(2026, 11, 1, 9, tzinfo=UTC)).cycle
    assert during.period.key == "2026-Q4" and len(during.not_held) == 6 and during.overdue == []
    result = rollup(s, who(s, "kim"), source.cascade_id, now=datetime(2027, 1, 5, 9, tzinfo=UTC)).cycle
    states = {row.item.committee.key: row.state for row in result.rows}
    assert result.period.key == "2026-Q4" and states.pop("lok-skole") == "held"
    assert set(states.values()) == {"overdue"} and len(result.not_held) == len(result.overdue) == 5


def test_the_sweep_reminds_the_chair_once_in_the_app_and_by_mail(app, s):
    published(s)
    plan(s, "lene", "lok-skole", date(2026, 11, 10))
    app.config["MAIL_SERVER"] = "localhost"
    from medflow import notify

    engines = app.extensions["medflow.engines"]
    first = sweep(s, engines, mail=notify.mail_settings(), now=datetime(2027, 1, 5, 9, tzinfo=UTC))
    again = sweep(s, engines, mail=notify.mail_settings(), now=datetime(2027, 1, 6, 9, tzinfo=UTC))
    cycle_reminders = [r for r in first.reminders if r.startswith("cycle:")]
    assert len(cycle_reminders) == 6  # five workplaces and KommuneMED itself
    assert not [r for r in again.reminders if r.startswith("cycle:")]
    told = s.scalars(select(Notification).where(Notification.kind == "cycle_overdue")).all()
    assert sorted(n.data["committee_key"] for n in told) == sorted(
        ["kommunemed", "lok-dagtilbud", "lok-sfo", "lok-pleje", "lok-hjemmepleje", "lok-aktiv"])
    assert who(s, "lene").id not in {n.person_id for n in told}
    dora = s.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.recipient == "dora@example.dk"))
    assert dora == 1


def test_a_change_above_reaches_the_copies_below_and_dropping_it_above_drops_them(s):
    source = published(s)
    lene, kim = who(s, "lene"), who(s, "kim")
    mine = s.scalar(select(CycleItem).where(CycleItem.source_id == source.id,
                                            CycleItem.committee.has(key="lok-skole")))
    items.place_item(s, lene, "lok-skole", mine.id, 11)
    items.edit_item(s, kim, "kommunemed", source.id, items.ItemForm(
        title="Årlig arbejdsmiljødrøftelse", kind="quarter", quarter=4, template=SECTIONS))
    s.refresh(mine)
    assert (mine.title, mine.placed_month) == ("Årlig arbejdsmiljødrøftelse", 11)
    items.edit_item(s, kim, "kommunemed", source.id, items.ItemForm(title="Årlig", kind="quarter", quarter=3))
    s.refresh(mine)
    assert (mine.quarter, mine.placed_month) == (3, None)  # a new period: the old placing no longer fits
    items.drop_item(s, kim, "kommunemed", source.id)
    assert not s.scalars(select(CycleItem).where(CycleItem.active.is_(True))).all()
