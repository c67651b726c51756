"""Demo meetings for `medflow demo`: KommuneMED's approved minutes with stories, and coming meetings.

Runs only once (it does nothing when the demo committees already have meetings); everything goes
through the same services a secretary and a chair use, so the demo shows what the app does.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.demo import meeting_minutes as demo_minutes
from medflow.domain.calendar import working_day
from medflow.domain.engine import WorkflowEngine
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, Meeting, Person
from medflow.services import cases as case_service
from medflow.services.meetings import agenda, communication, minutes, planning

TOP, CENTRE, SCHOOL = "kommunemed", "cmed-buf", "lok-skovvejens-skole"
CHAIR, SECRETARY, EMPLOYEE = "henrik.lauridsen@example.dk", "camilla.frost@example.dk", "anna@example.dk"
VICE_CHAIR, SCHOOL_VICE_CHAIR = "birgitte.holm@example.dk", "kasper.moeller@example.dk"


def _person(session: Session, email: str) -> Person | None:
    return session.scalar(select(Person).where(Person.email == email))


def _committee(session: Session, key: str) -> Committee | None:
    return session.scalar(select(Committee).where(Committee.key == key))


def _plan(session: Session, who: Person, key: str, day: date, place: str) -> Meeting:
    return planning.create_meeting(session, who, key, planning.MeetingPlan(
        date=day, start_time="13:00", end_time="15:30", place=place))


def load_demo_meetings(session: Session, engines: dict[str, WorkflowEngine]) -> int:
    """Add the demo meetings unless the demo organisation is missing or has meetings; return how many."""
    people = [_person(session, e) for e in (CHAIR, SECRETARY, EMPLOYEE, "louise.winther@example.dk",
                                            "klaus.brandt@example.dk", VICE_CHAIR, SCHOOL_VICE_CHAIR)]
    top = _committee(session, TOP)
    if None in people or top is None or session.scalar(select(Meeting.id).limit(1)) is not None:
        return 0
    chair, secretary, employee, centre_chair, school_chair, vice_chair, school_vice = people
    today = utcnow().date()
    _held_meeting(session, engines, [chair, secretary, employee, vice_chair], top,
                  working_day(today - timedelta(days=14), -1))
    coming = _plan(session, secretary, TOP, working_day(today + timedelta(days=21)), "Rådhuset, mødelokale 1")
    agenda.add_free_item(session, secretary, coming.id, coming.version,
                         "Budget 2027: konsekvenser for personalet",
                         "Direktionen orienterer om budgetforslaget og tidsplanen for høring i MED.")
    _forwarded_case(session, engines, secretary, chair, coming)
    agenda.publish_agenda(session, secretary, coming.id, session.get(Meeting, coming.id).version)
    _centre_meeting(session, engines, centre_chair, employee, working_day(today + timedelta(days=10)))
    demo_minutes.school_standing_items(session, school_chair, SCHOOL)
    demo_minutes.held_school_meeting(session, engines, school_chair, school_vice, SCHOOL,
                                     working_day(today - timedelta(days=6), -1))
    school = _plan(session, school_chair, SCHOOL, working_day(today + timedelta(days=5)),
                   "Skovvejens Skole, personalerummet")
    agenda.add_free_item(session, school_chair, school.id, school.version, "APV 2026: handlingsplan",
                         "Gennemgang af APV-resultaterne og udkast til handlingsplan.")
    return 5


def _held_meeting(session: Session, engines, people: list[Person], top: Committee, day: date) -> None:
    """KommuneMED two weeks ago: a case answered, sickness absence discussed, two stories for Pippet.

    The standing items are noted, one member sent apologies, and the chair and the vice chair approved.
    """
    chair, secretary, employee, vice_chair = people
    new = case_service.NewCase(workflow="question", title="Fælles retningslinje for hjemmearbejde?",
                               description="Vi oplever meget forskellig praksis for hjemmearbejde "
                                           "mellem centrene.")
    case = case_service.submit_case(session, engines, employee, new, start=top)
    case = case_service.fire_event(session, engines, chair, case.id, "accept", case.version, {})
    meeting = planning.new_meeting(session, top.id, {"date": day, "start_time": planning.DEFAULT_START,
                                                     "end_time": planning.DEFAULT_END,
                                                     "place": "Rådhuset, mødelokale 1", "online_link": ""})
    session.commit()
    case = case_service.fire_event(session, engines, secretary, case.id, "schedule", case.version,
                                   {"meeting_date": day.isoformat()})
    free = agenda.add_free_item(session, secretary, meeting.id, meeting.version,
                                "Sygefravær 1. halvår 2026",
                                "HR fremlægger sygefraværsstatistikken pr. center.")
    item = next(i for i in meeting.items if i.case_id == case.id)
    minutes.record_minutes(session, engines, secretary, item.id, item.version,
                           "HovedMED aftalte at udarbejde en fælles retningslinje inden sommerferien.",
                           "resolve", {"answer": "Der kommer en fælles retningslinje for hjemmearbejde "
                                                 "inden sommerferien.", "outcome": "guideline"})
    minutes.record_minutes(session, engines, secretary, free.id, free.version,
                           "Fraværet er faldet fra 5,9 % til 5,1 %. Centrene følger op i deres LokalMED.")
    _lines(session, secretary, chair, meeting.id, day)
    demo_minutes.note_standing_items(session, engines, secretary, meeting.id)
    demo_minutes.take_attendance(session, secretary, meeting.id, [SCHOOL_VICE_CHAIR])
    demo_minutes.approve(session, engines, [chair, vice_chair], meeting.id)


NOISE = case_service.NewCase(
    workflow="work_environment", title="Dårlig akustik i de ombyggede klasselokaler",
    description="Efter ombygningen kan lærere og elever ikke høre hinanden i de nye klasselokaler.",
    extra={"category": "physical", "location": "Skovvejens Skole, fløj B",
           "what_happened": "Efterklangstiden er så lang, at flere lærere har fået ondt i halsen og "
                            "eleverne ikke kan høre undervisningen."})
SENT_UP = (("klaus.brandt@example.dk", "Akustikken kræver en ombygning, som ligger uden for skolens budget."),
           ("louise.winther@example.dk", "Samme byggeløsning er brugt på tre skoler; en fælles løsning "
                                         "kræver en beslutning i KommuneMED."))


def _forwarded_case(session: Session, engines, secretary: Person, chair: Person, meeting: Meeting) -> None:
    """A school's noise case, sent up at once to KommuneMED, taken up and put on the coming meeting."""
    employee = _person(session, "jonas.krogh@example.dk")
    if employee is None:
        return
    case = case_service.submit_case(session, engines, employee, NOISE)
    for email, reason in SENT_UP:
        case = case_service.fire_event(session, engines, _person(session, email), case.id, "forward",
                                       case.version, {"comment": reason})
    case = case_service.fire_event(session, engines, chair, case.id, "accept", case.version, {})
    case_service.fire_event(session, engines, secretary, case.id, "schedule", case.version,
                            {"meeting": str(meeting.id)})


def _lines(session: Session, secretary: Person, chair: Person, meeting_id: int, day: date) -> None:
    """The fixed communication item: two stories for the newsletter and a line to the centres."""
    rows = [
        ("Sygefraværet falder", "employees", "newsletter", chair,
         "Sygefraværet er faldet for andet halvår i træk",
         "HovedMED glæder sig over, at sygefraværet i Glostrup Kommune er faldet til 5,1 %. "
         "Tak for indsatsen."),
        ("Hjemmearbejde", "employees", "newsletter", secretary, "Fælles regler for hjemmearbejde på vej",
         "HovedMED har besluttet at lave en fælles retningslinje for hjemmearbejde, "
         "som er klar inden sommerferien."),
        ("Sygefraværstal pr. center til CenterMED", "employees", "email", secretary, None, None),
    ]
    for what, audience, channel, owner, title, text in rows:
        meeting = session.get(Meeting, meeting_id)
        communication.add_line(session, secretary, meeting_id, meeting.version, communication.NewLine(
            what=what, audience=audience, channel=channel, owner=owner.email,
            due_date=(day + timedelta(days=21)).isoformat(), story_title=title, story_text=text))


def _centre_meeting(session: Session, engines, centre_chair: Person, employee: Person, day: date) -> None:
    """CenterMED Børn, Unge og Familier: a question from a school on the agenda of the coming meeting."""
    centre = _committee(session, CENTRE)
    meeting = _plan(session, centre_chair, CENTRE, day, "Center for Børn, Unge og Familier, mødelokale 3")
    new = case_service.NewCase(workflow="question", title="Vikardækning ved sygdom på skolerne",
                               description="Vi mangler en fælles plan for vikardækning, når flere er syge.")
    case = case_service.submit_case(session, engines, employee, new, start=centre)
    case = case_service.fire_event(session, engines, centre_chair, case.id, "accept", case.version, {})
    case_service.fire_event(session, engines, centre_chair, case.id, "schedule", case.version,
                            {"meeting": str(meeting.id)})
    meeting = session.get(Meeting, meeting.id)
    agenda.publish_agenda(session, centre_chair, meeting.id, meeting.version)
