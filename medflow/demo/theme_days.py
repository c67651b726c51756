"""Demo data for theme days: KommuneMED's StoreMEDdag with the work-environment day for every AMR.

KommuneMED's secretary invites every leader, every TR and KommuneMED's own members, and every AMR
to the work-environment day that is part of it; a handful have answered.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.calendar import working_day
from medflow.persistence.base import utcnow
from medflow.persistence.models import Meeting, Person
from medflow.services.meetings import theme_days
from medflow.services.meetings.planning import MeetingPlan

TITLE = "StoreMEDdag 2027"
SECRETARY = "camilla.frost@example.dk"
ANSWERS = (("line.damgaard@example.dk", True), ("klaus.brandt@example.dk", True),
           ("zeynep.yilmaz@example.dk", True), ("sara.ahmadi@example.dk", True),
           ("merete.kjeldgaard@example.dk", False), ("kasper.moeller@example.dk", True))
GROUPS = (theme_days.Group("committee", "kommunemed", "StoreMEDdag"),
          theme_days.Group("leaders", None, "StoreMEDdag"),
          theme_days.Group("tr", None, "StoreMEDdag"), theme_days.Group("amr", None, "Arbejdsmiljødag"))


def load_demo_theme_day(session: Session) -> int:
    """Plan StoreMEDdag on a working day five weeks ahead (once) and record the answers; return how many."""
    people = {p.email: p for p in session.scalars(select(Person).where(
        Person.email.in_([SECRETARY, *(e for e, _coming in ANSWERS)])))}
    if len(people) < len(ANSWERS) + 1 or session.scalar(select(Meeting.id).where(Meeting.title == TITLE)):
        return 0
    day = working_day(utcnow().date() + timedelta(days=35))  # no weekend, no public holiday
    meeting = theme_days.plan_theme_day(
        session, people[SECRETARY], "kommunemed", TITLE,
        MeetingPlan(day, "09:00", "15:30", "Glostrup Hallen, Stadion Allé 6"), list(GROUPS))
    for email, coming in ANSWERS:
        theme_days.answer(session, people[email], meeting.id, coming)
    return len(ANSWERS)
