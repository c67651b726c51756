"""Who was at the meeting: present, apologies (afbud) and the minute-taker (referent), in the minutes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, _
from medflow.persistence.models import Attendance, Meeting, Person
from medflow.services.meetings import notices
from medflow.services.meetings.agenda import open_meeting_for_officer, touch
from medflow.services.meetings.planning import commit_or_stale


def _people(session: Session, field: str, emails: Iterable[object]) -> list[Person]:
    """Return the active people with these e-mails, or raise Invalid naming the field."""
    wanted = [str(e or "").strip().lower() for e in emails if str(e or "").strip()]
    found = {p.email: p for p in session.scalars(select(Person).where(Person.email.in_(wanted),
                                                                      Person.active.is_(True)))}
    unknown = [e for e in wanted if e not in found]
    if unknown:
        raise Invalid(_("%(field)s: %(who)s is not a person in medflow."), field=field, who=unknown[0])
    return [found[e] for e in dict.fromkeys(wanted)]


def _as_list(field: str, value: object) -> list:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise Invalid(_("%(field)s must be a list of e-mails."), field=field)
    return list(value)


def record_attendance(session: Session, person: Person, meeting_id: int, version: object, present: object,
                      apologies: object, minute_taker: object = None) -> Meeting:
    """Record who was present, who sent apologies and who took the minutes (members of the committee)."""
    meeting = open_meeting_for_officer(session, person, meeting_id, version)
    here = _people(session, "present", _as_list("present", present))
    away = _people(session, "apologies", _as_list("apologies", apologies))
    if {p.id for p in here} & {p.id for p in away}:
        raise Invalid(_("apologies: a person cannot be both present and absent."))
    members = notices.members(session, meeting.committee_id)
    outsider = next((p for p in here + away if p.id not in members), None)
    if outsider is not None:
        raise Invalid(_("present: %(name)s is not a member of %(committee)s."), name=outsider.name,
                      committee=meeting.committee.name)
    taker = _people(session, "minute_taker", [minute_taker])
    meeting.attendance.clear()
    session.flush()  # the old rows go before the new ones take their (meeting, person) places
    meeting.attendance.extend([Attendance(person_id=p.id, present=True) for p in here]
                              + [Attendance(person_id=p.id, present=False) for p in away])
    meeting.minute_taker_id = taker[0].id if taker else None
    touch(meeting)
    commit_or_stale(session)
    return meeting


def attendance_lists(meeting: Meeting) -> dict:
    """Return the present and the absent, each sorted by name, and each person's mark for the form."""
    rows = sorted(meeting.attendance, key=lambda a: a.person.name)
    return {"present": [a.person for a in rows if a.present],
            "apologies": [a.person for a in rows if not a.present],
            "marks": {a.person_id: "present" if a.present else "apologies" for a in rows}}
