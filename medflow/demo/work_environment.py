"""Work-environment cases in the demo: near misses, an accident, threats and an APV with its action plan.

LokalMED Skovvejens Skole has this year's APV (a case on the `apv` topic) with an action plan whose
items are done, overdue and still open, and the incidents the key figures and the annual pack count
(near misses, an accident, a threat); LokalMED Børnehuset Søndervang, a small unit, has a near miss
that counts only in CenterMED's total. Everything goes through the engine and the services an AMR and
a chair use; it runs once.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, Committee, Membership, Person
from medflow.services import action_items
from medflow.services import cases as case_service

SCHOOL, SMALL = "lok-skovvejens-skole", "lok-boernehuset-soendervang"
INCIDENTS = (  # (committee, category, title, location, what happened)
    (SCHOOL, "near_miss", "Næsten faldet på den våde trappe", "Hovedtrappen, fløj A",
     "En lærer gled på trappen, som var våd efter rengøring, men nåede at gribe gelænderet."),
    (SCHOOL, "near_miss", "Reol var ved at vælte i sløjdlokalet", "Sløjdlokalet",
     "En reol med værktøj vippede, da en elev hev i den; den var ikke skruet fast i væggen."),
    (SCHOOL, "accident", "Skåret i hånden på papirskæreren", "Lærerværelset",
     "Skærmen på papirskæreren mangler, og en lærer skar sig i fingeren."),
    (SCHOOL, "violence_threat", "Truet af forælder ved afhentning", "Skolegården",
     "En forælder truede en pædagog under en uenighed om en elev."),
    (SMALL, "near_miss", "Barnevogn rullede mod vejen", "Legepladsen",
     "Bremsen på en af institutionens barnevogne slipper; den blev stoppet ved lågen."),
)
APV_TITLE = "APV 2026: støj og indeklima i fløj B"
APV_ITEMS = (  # (problem, solution, due in days from today, done days ago or None)
    ("Høj støj i klasselokalerne", "Lydabsorberende plader i loftet", -60, 20),
    ("Dårligt indeklima om eftermiddagen", "Ny ventilation indreguleres", -14, None),
    ("Ingen fast arbejdsmiljørunde", "Kvartalsvis runde med AMR og leder", 45, None),
)


def _role(session: Session, key: str, role: str) -> Person | None:
    return session.scalar(select(Person).join(Membership)
                          .join(Committee, Committee.id == Membership.committee_id)
                          .where(Committee.key == key, Membership.role == role).order_by(Person.id).limit(1))


def _employee(session: Session, key: str) -> Person | None:
    return session.scalar(select(Person).join(Committee, Committee.id == Person.workplace_id)
                          .where(Committee.key == key, ~Person.memberships.any()).order_by(Person.id).limit(1))


def _apv(session: Session, engines, employee: Person, amr: Person, chair: Person) -> None:
    """The school's APV taken up, assessed and given an action plan; one item done, one overdue, one open."""
    today = local_date(utcnow())
    case = case_service.submit_case(session, engines, employee, case_service.NewCase(
        workflow="work_environment", title=APV_TITLE, topic="apv",
        description="Årets APV i fløj B viste problemer med støj og indeklima.",
        extra={"category": "physical", "location": "Skovvejens Skole, fløj B",
               "what_happened": "APV-undersøgelsen blev besvaret af 31 af 35 medarbejdere."}))
    case = case_service.fire_event(session, engines, amr, case.id, "accept", case.version, {})
    case = case_service.fire_event(session, engines, amr, case.id, "assess", case.version,
                                   {"risk_level": "medium", "comment": "Støj og indeklima belaster lærerne."})
    for problem, solution, due, _done in APV_ITEMS:
        case = case_service.fire_event(session, engines, chair, case.id, "plan", case.version, {
            "problem": problem, "solution": solution, "owner": chair.name,
            "due_date": (today + timedelta(days=due)).isoformat(),
            "effect_check": "Opfølgning på næste LokalMED-møde"})
    for item, (_p, _s, _due, done) in zip(case.action_items, APV_ITEMS, strict=True):
        if done is not None:
            case = action_items.mark(session, engines, amr, case.id, item.id, today - timedelta(days=done),
                                     case.version)


def load_demo_work_environment(session: Session, engines) -> int:
    """Add the demo's incidents and the school's APV (once); return how many cases were added."""
    if session.scalar(select(Case.id).where(Case.topic == "apv").limit(1)) is not None:
        return 0
    added = 0
    for key, category, title, location, what in INCIDENTS:
        employee = _employee(session, key)
        if employee is None:
            continue
        case_service.submit_case(session, engines, employee, case_service.NewCase(
            workflow="work_environment", title=title, description=what,
            extra={"category": category, "location": location, "what_happened": what}))
        added += 1
    people = _employee(session, SCHOOL), _role(session, SCHOOL, "amr"), _role(session, SCHOOL, "chair")
    if all(people):
        _apv(session, engines, *people)
        added += 1
    return added
