"""The demo's strategy plans: KommuneMED's plan 2013-14, followed up, and the Hovedudvalg's plan for an area.

Both come from the shipped files through the same check and import as an upload. KommuneMED's
secretary then moves the initiatives on as the minutes of 2013-14 would have it: some done, one
dropped, one waiting for a political decision, one still under way after its period (overdue).
Running the demo again leaves the plans as they are.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import DefinitionError
from medflow.persistence.models import Case, Person
from medflow.persistence.plans import Plan
from medflow.services.plans import editing, links
from medflow.services.plans.files import check_plan, import_plan

SECRETARY = "camilla.frost@example.dk"
AREA, AREA_CHAIR = "cmed-buf", "louise.winther@example.dk"
FOLLOW_UP = {  # (subject, initiative) → the status changes, each (status, note, decision)
    (1, 1): [("under_way", "Skabelon til handleplan sendt til alle LokalMED.", ""),
             ("done", "Alle arbejdspladser har en handleplan.", "")],
    (1, 2): [("under_way", "Arbejdsgruppen er nedsat.", ""), ("done", "Retningslinjen er vedtaget.", "")],
    (1, 3): [("done", "Temadagen blev holdt 6. november 2014 med 140 deltagere.", "")],
    (2, 1): [("under_way", "Første nyhedsbrev er udsendt.", "")],
    (2, 2): [("done", "MED-håndbogen ligger på intranettet.", "")],
    (2, 3): [("under_way", "Spørgeskema til alle MED-udvalg er sendt ud.", "")],
    (3, 2): [("dropped", "Indgår i den nye personalepolitik i stedet.", "")],
    (3, 3): [("waiting", "Forslaget er sendt til politisk behandling.",
              "Økonomiudvalgets beslutning om seniorordninger i budget 2015")],
}


def _person(session: Session, email: str) -> Person | None:
    return session.scalar(select(Person).where(Person.email == email))


def _import(session: Session, path: Path, key: str | None, by: Person | None) -> Plan | None:
    try:
        spec, committee = check_plan(session, path.read_text(encoding="utf-8"), path.name, key)
    except DefinitionError:
        session.rollback()
        return None  # already imported (or the committee is not in this organisation)
    return import_plan(session, spec, committee, by)


def _follow_up(session: Session, plan: Plan, by: Person) -> None:
    for subject in plan.subjects:
        for initiative in subject.initiatives:
            for status, note, decision in FOLLOW_UP.get((subject.position, initiative.position), []):
                editing.change_status(session, by, initiative, status, note, decision)


def _link_a_case(session: Session, plan: Plan, by: Person) -> None:
    """Link the stress initiative to a case KommuneMED holds, and tag the case with its focus area."""
    case = session.scalar(select(Case).where(Case.holder_id == plan.committee_id, Case.confidential.is_(False))
                          .order_by(Case.id).limit(1))
    if case is not None:
        links.link(session, by, plan.subjects[0].initiatives[1], "case", case.id)
        links.tag_case(session, by, case.id, plan.subjects[0].id)


def load_demo_plans(session: Session, folder: Path) -> int:
    """Import both shipped plans and follow KommuneMED's up; return how many plans were added."""
    secretary, chair = _person(session, SECRETARY), _person(session, AREA_CHAIR)
    added = 0
    kommune = _import(session, folder / "kommunemed-2013-2014.yaml", None, secretary)
    if kommune is not None and secretary is not None:
        _follow_up(session, kommune, secretary)
        _link_a_case(session, kommune, secretary)
        added += 1
    if _import(session, folder / "hovedudvalg.yaml", AREA, chair) is not None:
        added += 1
    return added
