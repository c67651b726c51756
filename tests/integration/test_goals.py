"""A committee's goals: only its officers set and follow them up, and every change is a dated note."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from medflow.domain.errors import Invalid, NotAllowed
from medflow.persistence.models import Committee, Person
from medflow.services import goals


def _person(session, email: str) -> Person:
    return session.scalar(select(Person).where(Person.email == email))


def _committee(session, key: str) -> Committee:
    return session.scalar(select(Committee).where(Committee.key == key))


def test_a_chair_sets_a_goal_and_its_follow_up_keeps_every_status(session, org):
    lene, skole = _person(session, "lene@example.dk"), _committee(session, "lok-skole")
    goal = goals.set_goal(session, lene, skole, "  Sygefraværet under 5 %  ", year=2026, owner=lene,
                          due_on=date(2027, 6, 30))
    session.commit()
    goals.follow_up(session, lene, goal, "partly_met", "5,4 % i 4. kvartal")
    session.commit()
    [kept] = goals.goals_of(session, skole, year=2026)
    assert (kept.text, kept.status) == ("Sygefraværet under 5 %", "partly_met")
    assert kept.owner.email == "lene@example.dk"
    assert [(n.status, n.note) for n in kept.notes] == [("open", ""), ("partly_met", "5,4 % i 4. kvartal")]
    assert goals.goals_of(session, skole, year=2025) == []


def test_only_officers_keep_goals_and_a_bad_status_or_empty_text_is_refused(session, org):
    anna, lene = _person(session, "anna@example.dk"), _person(session, "lene@example.dk")
    skole = _committee(session, "lok-skole")
    with pytest.raises(NotAllowed):
        goals.set_goal(session, anna, skole, "Flere pauser")
    with pytest.raises(Invalid):
        goals.set_goal(session, lene, skole, "   ")
    goal = goals.set_goal(session, lene, skole, "Flere pauser")
    with pytest.raises(Invalid):
        goals.follow_up(session, lene, goal, "maybe")
    with pytest.raises(NotAllowed):
        goals.follow_up(session, anna, goal, "met")
    assert [n.status for n in goal.notes] == ["open"]
