"""Demo data for the guideline register and the sides of the memberships.

Three workplaces and KommuneMED have agreed guidelines; Skovvejens Skole's cover
rota of 2024 was replaced by the one of 2026. Every leader (a chair somewhere) sits for management
in the committees above too, so a theme day can invite "every leader".
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.domain.sides import MANAGEMENT
from medflow.persistence.models import Case, Committee, Membership, Person
from medflow.services.cases import NewCase, fire_event, submit_case
from medflow.services.guidelines.standing import change_standing

# (asker, chair who answers, committee it starts in or None for the asker's own, title, topic, answer)
GUIDELINES = (
    ("jonas.krogh@example.dk", "klaus.brandt@example.dk", None, "Vikardækning ved sygdom (2024)",
     "arbejdstid-og-planlaegning", "Vikartimer fordeles efter en fast turnus, som skolelederen lægger."),
    ("jonas.krogh@example.dk", "klaus.brandt@example.dk", None, "Vikardækning ved sygdom (2026)",
     "arbejdstid-og-planlaegning", "Vikartimer fordeles i teamene; ingen lærer får mere end to ekstra "
                                   "timer om ugen uden aftale."),
    ("bente.frandsen@example.dk", "merete.kjeldgaard@example.dk", None, "Forflytning af beboere: altid to",
     "arbejdsmiljoe-fysisk", "Forflytninger uden lift sker altid med to medarbejdere."),
    ("laura.kjeldsen@example.dk", "anders.skovgaard@example.dk", None, "Alenearbejde i aftenåbningen",
     "vold-og-trusler", "Der er altid to på arbejde efter kl. 18; alarmen testes hver måned."),
    ("kasper.moeller@example.dk", "henrik.lauridsen@example.dk", "kommunemed",
     "Stresspolitik for Glostrup Kommune",
     "lokale-retningslinjer-trivsel", "Stress forebygges i hver arbejdsplads' APV; ledere tilbyder en "
                                      "samtale senest en uge efter, at en medarbejder har meldt sig stresset."),
)
REPLACED = ("Vikardækning ved sygdom (2024)", "Vikardækning ved sygdom (2026)")
ALSO_LEADERS = ("lene.bach.madsen@example.dk",)  # the kommune's HR director, a plain member of KommuneMED


def _people(session: Session) -> dict[str, Person]:
    emails = {e for row in GUIDELINES for e in row[:2]} | set(ALSO_LEADERS)
    return {p.email: p for p in session.scalars(select(Person).where(Person.email.in_(emails)))}


def _agree(session: Session, engines: dict[str, WorkflowEngine], people: dict[str, Person], row) -> Case:
    asker, chair, start, title, topic, answer = row
    committee = session.scalar(select(Committee).where(Committee.key == start)) if start else None
    case = submit_case(session, engines, people[asker], NewCase("question", title, answer, topic=topic),
                       start=committee)
    case = fire_event(session, engines, people[chair], case.id, "accept", case.version, {})
    return fire_event(session, engines, people[chair], case.id, "resolve", case.version,
                      {"answer": answer, "outcome": "guideline"})


def mark_leaders(session: Session) -> int:
    """Put every membership of someone who chairs a committee (and the HR director) on management's side."""
    chairs = select(Membership.person_id).where(Membership.role == "chair")
    also = select(Person.id).where(Person.email.in_(ALSO_LEADERS))
    leaders = Membership.person_id.in_(chairs) | Membership.person_id.in_(also)
    result = session.execute(update(Membership).where(leaders).values(side=MANAGEMENT))
    session.commit()
    return result.rowcount


def load_demo_guidelines(session: Session, engines: dict[str, WorkflowEngine]) -> int:
    """Agree the demo guidelines once and replace the old cover rota; return how many were added."""
    people = _people(session)
    if any(row[0] not in people or row[1] not in people for row in GUIDELINES):
        return 0  # another demo organisation
    if session.scalar(select(Case.id).where(Case.title == GUIDELINES[0][3])) is not None:
        return 0
    made = {row[3]: _agree(session, engines, people, row) for row in GUIDELINES}
    old, new = (made[title] for title in REPLACED)
    change_standing(session, people["klaus.brandt@example.dk"], old.id, "replaced", date(2026, 8, 1),
                    "Afløst af den nye aftale om vikardækning fra skoleåret 2026/27.", new.id,
                    today=date(2026, 8, 1))
    return len(made)
