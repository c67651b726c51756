"""Who holds which roles where, and who may see a case (the rule is `services.visibility`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.definitions import SUBMITTER
from medflow.domain.errors import NotAllowed, Unknown, _
from medflow.domain.visibility import Level
from medflow.persistence.models import Case, Membership, Person
from medflow.services.visibility import case_level

REDACTED_ONLY = _("Case %(id)s is confidential: you may see that it exists, not read it or act on it.")


def roles_in(session: Session, person: Person, committee_ids: set[int]) -> set[str]:
    """Return the roles `person` holds in any of these committees."""
    if not committee_ids:
        return set()
    rows = session.scalars(
        select(Membership.role).where(
            Membership.person_id == person.id, Membership.committee_id.in_(committee_ids)
        )
    )
    return set(rows)


def actor_roles(session: Session, person: Person, case: Case) -> set[str]:
    """Return the roles with which `person` acts on the case now."""
    roles = roles_in(session, person, {case.holder_id})
    if case.submitter_id == person.id:
        roles.add(SUBMITTER)
    return roles


@dataclass(frozen=True)
class CaseView:
    """A case, how much of it the person sees, and the roles they act with on it."""

    case: Case
    level: Level
    roles: frozenset[str]


def case_view(session: Session, person: Person, case_id: int) -> CaseView:
    """Return the case as `person` sees it (in full or redacted), or raise Unknown (two queries)."""
    case = session.get(Case, case_id)
    if case is None:
        raise Unknown(_("Case %(id)s was not found."), id=case_id)
    level, roles = case_level(session, person, case)
    if level == Level.NONE:
        raise Unknown(_("Case %(id)s was not found."), id=case_id)
    if case.submitter_id == person.id:
        roles.add(SUBMITTER)
    return CaseView(case, level, frozenset(roles) if level == Level.FULL else frozenset())


def visible_case(session: Session, person: Person, case_id: int) -> Case:
    """Return the case if `person` may read it; raise Unknown (not seen) or NotAllowed (redacted)."""
    return visible_case_and_roles(session, person, case_id)[0]


def visible_case_and_roles(session: Session, person: Person, case_id: int) -> tuple[Case, set[str]]:
    """Return the case and the roles `person` acts with on it, or raise Unknown or NotAllowed.

    Only a person who reads the case in full gets it: one who sees it redacted gets NotAllowed,
    so they can never act on it.
    """
    view = case_view(session, person, case_id)
    if view.level < Level.FULL:
        raise NotAllowed(REDACTED_ONLY, id=case_id)
    return view.case, set(view.roles)
