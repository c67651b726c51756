"""The annual work-environment discussion in the demo: packs held in some committees, not in others; training.

LokalMED Børnehuset Søndervang and LokalMED Plejecenter Skovbrynet held this year's discussion (their
minutes are approved, so their packs are frozen and next year's goals are set); LokalMED Skovvejens
Skole has it on its coming meeting's agenda; the other units have not held it,
so CenterMED's and KommuneMED's packs list them. Last year's goals are followed up, and the members'
training has the gaps real records have: a new work-environment representative whose statutory
training is due, one whose is missing (flagged to the chair), and members without MED training.
Everything goes through the services a secretary and a chair use; it runs once.
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date, working_day
from medflow.persistence.base import utcnow
from medflow.persistence.models import AnnualPack, Committee, Meeting, Membership, Person, TrainingRecord
from medflow.services import goals
from medflow.services.annual import discussion, training
from medflow.services.meetings import minutes, planning

HELD = ("lok-boernehuset-soendervang", "lok-plejecenter-skovbrynet")
SCHOOL = "lok-skovvejens-skole"
LAST_YEAR_GOALS = {
    "lok-boernehuset-soendervang": (
        ("Sygefraværet skal under 5 %", "partly_met", "5,3 % i 3. kvartal"),
        ("Støjdæmpning på stuerne", "met", "Lydabsorbenter opsat i marts"),
    ),
    "lok-plejecenter-skovbrynet": (
        ("Færre forflytningsskader", "met", "Halvt så mange anmeldelser"),
        ("Introforløb for alle nye vikarer", "not_met", "Udskudt til næste år"),
    ),
    SCHOOL: (("Bedre akustik i fløj B", "open", ""), ("Trivselsmåling med svar fra over 80 %", "met", "86 %")),
}
SECTIONS = {
    "collaboration": "Arbejdsmiljøgruppen er en del af LokalMED; AMR og leder holder kvartalsvis "
    "arbejdsmiljørunde.",
    "meeting_intervals": "LokalMED mødes hver anden måned; arbejdsmiljø er fast punkt på hvert møde.",
    "competence_plan": "Nye AMR tager den lovpligtige uddannelse inden for tre måneder; alle tager "
    "den supplerende uddannelse (1,5 dag) hvert år.",
}
NEXT_GOALS = ("Sygefraværet skal under 4,5 %", "APV-handlingsplanen gennemført inden 1. oktober")


def _committee(session: Session, key: str) -> Committee | None:
    return session.scalar(select(Committee).where(Committee.key == key))


def _role(session: Session, committee: Committee, role: str) -> Person | None:
    return session.scalar(
        select(Person)
        .join(Membership)
        .where(Membership.committee_id == committee.id, Membership.role == role)
        .order_by(Person.id)
        .limit(1)
    )


def _spread(text: str, low: int, high: int) -> int:
    """Return a number in [low, high] that stays the same for the same text (no randomness between runs)."""
    return low + zlib.crc32(text.encode()) % (high - low + 1)


def _training(session: Session, today: date) -> None:
    """Give every role a start date and most members their courses, leaving the gaps described above."""
    amr = [m for m in session.scalars(select(Membership).order_by(Membership.id)) if m.role == "amr"]
    for m in session.scalars(select(Membership).where(Membership.since.is_(None)).order_by(Membership.id)):
        m.since = today - timedelta(days=_spread(f"{m.person_id}:{m.committee_id}", 400, 2200))
    new_amr, late_amr = (amr[0], amr[1]) if len(amr) > 1 else (None, None)
    if new_amr is not None:
        new_amr.since, late_amr.since = today - timedelta(days=40), today - timedelta(days=200)
    records = set()
    for m in session.scalars(select(Membership).order_by(Membership.id)):
        start = m.since
        if _spread(f"med{m.person_id}", 0, 9) < 8 and start <= today - timedelta(days=60):
            records.add((m.person_id, "med", start + timedelta(days=_spread(f"d{m.person_id}", 20, 200))))
        if m in amr and m not in (new_amr, late_amr):
            records.add((m.person_id, "statutory", start + timedelta(days=45)))
            if _spread(f"sup{m.person_id}", 0, 1):
                records.add((m.person_id, "supplementary", date(today.year, 3, 10)))
        if m.committee.parent_id is None and _spread(f"k{m.person_id}", 0, 2):
            records.add((m.person_id, "kommune_med", date(today.year - 1, 9, 22)))
    for pid, course, day in sorted(records):
        session.add(
            TrainingRecord(
                person_id=pid, course=course, taken_on=min(day, today), note="Glostrup Kommunes kursusafdeling"
            )
        )
    session.commit()


def _last_year_goals(session: Session, committee: Committee, chair: Person, year: int) -> None:
    for text, status, note in LAST_YEAR_GOALS.get(committee.key, ()):
        goal = goals.set_goal(
            session, chair, committee, text, year=year - 1, owner=chair, due_on=date(year, 6, 30)
        )
        if status != "open":
            goals.follow_up(session, chair, goal, status, note)
    session.commit()


def _hold(session: Session, engines, committee: Committee, chair: Person, year: int, today: date) -> None:
    """A meeting last week with the annual discussion on it; the minutes fill it in and are approved."""
    day = working_day(today - timedelta(days=9), -1)
    meeting = planning.new_meeting(
        session,
        committee.id,
        {
            "date": day,
            "start_time": planning.DEFAULT_START,
            "end_time": planning.DEFAULT_END,
            "place": "Personalerummet",
            "online_link": "",
        },
    )
    session.commit()
    discussion.put_on_agenda(session, chair, meeting.id, meeting.version, year)
    members = discussion.members_of(session, committee)
    goal_rows = [
        {"text": t, "owner": members[n % len(members)].email, "due_on": date(year + 1, 6, 30).isoformat()}
        for n, t in enumerate(NEXT_GOALS)
    ]
    discussion.save_sections(session, chair, committee, year, SECTIONS, goal_rows)
    vice = _role(session, committee, "vice_chair")
    for who in [chair, *([vice] if vice else [])]:
        minutes.approve(session, engines, who, meeting.id, session.get(Meeting, meeting.id).version)


def _school(session: Session, committee: Committee, chair: Person, year: int, today: date) -> None:
    """Put the discussion on the school's coming meeting: its minutes will fill the sections in."""
    meeting = session.scalar(select(Meeting).where(Meeting.committee_id == committee.id, Meeting.date >= today,
                                                   Meeting.approved_at.is_(None), Meeting.status == "planned")
                             .order_by(Meeting.date).limit(1))
    if meeting is not None and not meeting.approvals:
        discussion.put_on_agenda(session, chair, meeting.id, meeting.version, year)


def load_demo_annual(session: Session, engines) -> int:
    """Add the demo's annual discussions and training (once); return how many packs were made."""
    if session.scalar(select(AnnualPack.id).limit(1)) is not None:
        return 0
    today = local_date(utcnow())
    _training(session, today)
    made = 0
    for key in (*HELD, SCHOOL):
        committee = _committee(session, key)
        chair = _role(session, committee, "chair") if committee else None
        if chair is None:
            continue
        _last_year_goals(session, committee, chair, today.year)
        if key == SCHOOL:
            _school(session, committee, chair, today.year, today)
        else:
            _hold(session, engines, committee, chair, today.year, today)
        made += 1
    training.flag_missing(session)
    return made
