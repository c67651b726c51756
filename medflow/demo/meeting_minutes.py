"""Demo minutes as a MED committee keeps them: standing items noted, attendance, approval by both sides.

Used by `medflow demo` (medflow.demo.meetings); everything goes through the services a secretary,
a chair and a vice chair use.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.persistence.models import Meeting, Person
from medflow.services.meetings import attendance, minutes, notices, planning, standing, standing_edit

STANDING_NOTES = {
    "Godkendelse af dagsorden": "Dagsordenen blev godkendt.",
    "Godkendelse af referat fra sidste møde": "Referatet fra sidste møde blev godkendt uden bemærkninger.",
    "Meddelelser": "Formanden orienterede om status på budget og rekruttering.",
    "Meddelelser fra ledelsen": "Skolelederen orienterede om skemaet for næste skoleår.",
    "Nyt fra TR og AMR": "AMR fortalte om den nye procedure for indeklimamålinger.",
    "Eventuelt": "Intet.",
}
SCHOOL_STANDING_START = "Godkendelse af dagsorden\nGodkendelse af referat fra sidste møde\n" \
                        "Meddelelser fra ledelsen\nNyt fra TR og AMR"


def person(session: Session, email: str) -> Person | None:
    """Return the demo person with this e-mail."""
    return session.scalar(select(Person).where(Person.email == email))


def note_standing_items(session: Session, engines, secretary: Person, meeting_id: int) -> None:
    """Write the usual short minutes of each standing item."""
    for item in list(session.get(Meeting, meeting_id).items):
        if item.kind in standing.KINDS and item.title in STANDING_NOTES:
            minutes.record_minutes(session, engines, secretary, item.id, item.version,
                                   STANDING_NOTES[item.title])


def take_attendance(session: Session, secretary: Person, meeting_id: int, apologies: list[str]) -> None:
    """Record every member present but those who sent apologies, with the secretary as minute-taker."""
    meeting = session.get(Meeting, meeting_id)
    ids = notices.members(session, meeting.committee_id)
    members = session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.name)).all()
    present = [p.email for p in members if p.email not in apologies]
    attendance.record_attendance(session, secretary, meeting_id, meeting.version, present, apologies,
                                 secretary.email)


def approve(session: Session, engines, people: list[Person], meeting_id: int) -> None:
    """Approve the minutes as each of these people (the chair, then the vice chair)."""
    for who in people:
        minutes.approve(session, engines, who, meeting_id, session.get(Meeting, meeting_id).version)


def school_standing_items(session: Session, chair: Person, key: str) -> None:
    """LokalMED Skovvejens Skole keeps its own standing items (news from management, TR and AMR)."""
    standing_edit.set_standing_items(session, chair, key, SCHOOL_STANDING_START, "Eventuelt")


def held_school_meeting(session: Session, engines, chair: Person, vice_chair: Person, key: str,
                        day: date) -> Meeting:
    """A school meeting held last week: minutes written, approved by the chair, awaiting the vice chair."""
    committee_id = planning.committee_by_key(session, chair, key).id
    meeting = planning.new_meeting(session, committee_id, {
        "date": day, "start_time": planning.DEFAULT_START.replace(hour=14), "end_time":
        planning.DEFAULT_END.replace(hour=15, minute=30), "place": "Skovvejens Skole, personalerummet",
        "online_link": ""})
    session.commit()
    free = planning_item(session, chair, meeting.id, "Trivselsmåling 2026",
                         "Resultaterne fra trivselsmålingen gennemgås.")
    note_standing_items(session, engines, chair, meeting.id)
    minutes.record_minutes(session, engines, chair, free.id, free.version,
                           "Trivslen er steget i alle team; indskolingen ønsker mere tid til forberedelse.")
    take_attendance(session, chair, meeting.id, [])
    approve(session, engines, [chair], meeting.id)  # the vice chair has not approved yet: a draft
    return meeting


def planning_item(session: Session, who: Person, meeting_id: int, title: str, text: str):
    """Add a free item to a meeting's agenda."""
    from medflow.services.meetings import agenda

    meeting = session.get(Meeting, meeting_id)
    return agenda.add_free_item(session, who, meeting_id, meeting.version, title, text)
