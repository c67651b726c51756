"""Linking an initiative to what carries it out, and tagging a case with a focus area.

A plan's officer links an initiative to a case they may read in full, a cascade or a meeting item
of their committees; the committee holding a case tags it with a subject of a plan it works
under (its own or one above it), so the case can be counted by focus area.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, NotAllowed, Unknown, _
from medflow.persistence.models import Cascade, Case, Meeting, MeetingItem, Membership, Person
from medflow.persistence.plans import Initiative, InitiativeLink, Plan, PlanSubject
from medflow.services.access import visible_case
from medflow.services.plans.access import readable_committee_ids, require_keeper

KINDS = ("case", "cascade", "meeting_item")


def _target(session: Session, person: Person, kind: str, target_id: int) -> dict[str, int]:
    if kind == "case":
        return {"case_id": visible_case(session, person, target_id).id}
    readable = None if person.is_admin else readable_committee_ids(session, person)
    if kind == "cascade":
        cascade = session.get(Cascade, target_id)
        if cascade is None or (readable is not None and cascade.committee_id not in readable):
            raise Unknown(_("Cascade %(id)s was not found."), id=target_id)
        return {"cascade_id": cascade.id}
    item = session.get(MeetingItem, target_id)
    meeting = session.get(Meeting, item.meeting_id) if item else None
    mine = set(session.scalars(select(Membership.committee_id).where(Membership.person_id == person.id)))
    if meeting is None or not (person.is_admin or meeting.committee_id in mine):
        raise Unknown(_("Meeting item %(id)s was not found."), id=target_id)
    return {"meeting_item_id": item.id}


def link(
    session: Session, person: Person, initiative: Initiative, kind: object, target_id: object
) -> InitiativeLink:
    """Link the initiative to a case, cascade or meeting item (each only once) and commit."""
    require_keeper(session, person, initiative.subject.plan.committee)
    if kind not in KINDS:
        raise Invalid(_("kind: choose one of %(choices)s."), choices=", ".join(KINDS))
    if not str(target_id or "").strip().isdigit():
        raise Invalid(_("number: write the number of the case, cascade or meeting item."))
    column = _target(session, person, str(kind), int(str(target_id).strip()))
    existing = next((k for k in initiative.links if all(getattr(k, c) == v for c, v in column.items())), None)
    if existing is not None:
        return existing
    found = InitiativeLink(initiative=initiative, **column)
    session.add(found)
    session.commit()
    return found


def focus_areas_for(session: Session, case: Case) -> list[PlanSubject]:
    """Return the subjects a case may be tagged with: those of its holder's plans and the plans above it."""
    above: list[int] = []
    committee = case.holder
    while committee is not None:
        above.append(committee.id)
        committee = committee.parent
    return list(
        session.scalars(
            select(PlanSubject)
            .join(Plan)
            .where(Plan.committee_id.in_(above))
            .order_by(Plan.id.desc(), PlanSubject.position)
        )
    )


def may_tag(session: Session, person: Person, case: Case) -> bool:
    """Say whether the person acts for the committee holding the case (any role there), or is an admin."""
    return person.is_admin or bool(
        session.scalar(
            select(Membership.id)
            .where(Membership.person_id == person.id, Membership.committee_id == case.holder_id)
            .limit(1)
        )
    )


def tag_case(session: Session, person: Person, case_id: int, subject_id: object) -> Case:
    """Set (or clear, with an empty choice) the case's focus area and commit."""
    case = visible_case(session, person, case_id)
    if not may_tag(session, person, case):
        raise NotAllowed(_("Only the committee handling the case may tag it with a focus area."))
    if subject_id in (None, ""):
        case.focus_area_id = None
    else:
        allowed = {s.id for s in focus_areas_for(session, case)}
        if not str(subject_id).isdigit() or int(str(subject_id)) not in allowed:
            raise Invalid(_("focus_area: choose a subject of a plan the committee works under."))
        case.focus_area_id = int(str(subject_id))
    session.commit()
    return case
