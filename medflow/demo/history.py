"""Demo data for the lists that come a page at a time: an employee with two years of questions.

`medflow demo` calls `add_history` after loading the organisation: the first employee of the
demo's journey gets 32 answered questions from the last two years and three open ones, all
through the engine (`submit_case`, `fire_event`), so her "Mine sager" and notifications run to a
second page ("Ældre sager", "Ældre notifikationer") and her committee's inbox has history.
Run again, it adds nothing (she already has these questions).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, Membership, Person
from medflow.services.cases import NewCase, fire_event, submit_case

SUBJECTS = ("arbejdstid i sommerferien", "nye kontorstole", "støj i frokoststuen", "parkering ved rådhuset",
            "vagtplanen for weekender", "kursus i førstehjælp", "indeklimaet i mødelokalerne",
            "seniorsamtaler", "personalegoder", "sygefraværspolitikken", "hjemmearbejde om fredagen",
            "julefrokosten", "nye it-systemer", "trivselsmålingen", "kantineordningen", "cykelparkering")
ANSWERED, OPEN = 32, 3
QUESTION_TITLE = "Spørgsmål om "  # how the history's questions are known again (the demo runs twice)
ANSWER = {"answer": "MED-udvalget har drøftet det og svarer i referatet.", "outcome": "information"}


def _question(n: int) -> NewCase:
    """Return the n-th demo question, in Danish."""
    subject = SUBJECTS[n % len(SUBJECTS)]
    return NewCase("question", f"{QUESTION_TITLE}{subject}",
                   f"Jeg vil gerne høre MED-udvalgets holdning til {subject}.")


def add_history(session: Session, engines: dict[str, WorkflowEngine], employee_email: str) -> int:
    """Give the employee two years of answered questions and a few open ones; return how many cases."""
    employee = session.scalar(select(Person).where(Person.email == employee_email))
    if employee is None or employee.workplace_id is None or session.scalar(
            select(func.count()).select_from(Case).where(Case.submitter_id == employee.id,
                                                          Case.title.like(f"{QUESTION_TITLE}%"))):
        return 0
    chair = session.scalar(select(Person).join(Membership).where(
        Membership.committee_id == employee.workplace_id, Membership.role == "chair"))
    if chair is None:
        return 0
    now = utcnow()
    for n in range(ANSWERED + OPEN):
        asked = now - timedelta(days=(ANSWERED + OPEN - n) * 21)
        case = submit_case(session, engines, employee, _question(n), now=asked)
        if n < ANSWERED:
            case = fire_event(session, engines, chair, case.id, "accept", case.version, {},
                              now=asked + timedelta(days=2))
            fire_event(session, engines, chair, case.id, "resolve", case.version, ANSWER,
                       now=asked + timedelta(days=9))
    return ANSWERED + OPEN
