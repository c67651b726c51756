"""Who holds which roles where, and who may see a case (the rule is `services.visibility`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from medflow.domain.definitions import SUBMITTER
from medflow.domain.errors import NotAllowed, Unknown, _
from medflow.domain.visibility import Level
from medflow.persistence.models import Case, CaseEvent, Membership, Person
from medflow.services.visibility import CASE_WITH_ROLES, level_from_rows

REDACTED_ONLY = _("Case %(id)s is confidential: you may see that it exists, not read it or act on it.")

ROLES_SEEN = "medflow.roles"  # session.info: (person, committee) -> roles, as read in this session


def forget_roles(session: Session) -> None:
    """Drop the roles remembered in this session (memberships were just changed)."""
    session.info.pop(ROLES_SEEN, None)


def _remember(session: Session, person_id: int, committee_id: int, roles) -> None:
    """Keep the roles just read, so the same request does not read them again."""
    session.info.setdefault(ROLES_SEEN, {})[(person_id, committee_id)] = frozenset(roles)


def roles_in(session: Session, person: Person, committee_ids: set[int]) -> set[str]:
    """Return the roles `person` holds in any of these committees (one committee: read once per session)."""
    if not committee_ids:
        return set()
    one = next(iter(committee_ids)) if len(committee_ids) == 1 else None
    seen = session.info.get(ROLES_SEEN, {}).get((person.id, one))
    if seen is not None:
        return set(seen)
    rows = set(session.scalars(
        select(Membership.role).where(
            Membership.person_id == person.id, Membership.committee_id.in_(committee_ids)
        )
    ))
    if one is not None:
        _remember(session, person.id, one, rows)
    return rows


def actor_roles(session: Session, person: Person, case: Case) -> set[str]:
    """Return the roles with which `person` acts on the case now."""
    roles = roles_in(session, person, {case.holder_id})
    if case.submitter_id == person.id:
        roles.add(SUBMITTER)
    return roles


# What every view of a case shows besides its history, loaded with the case in the same query.
_WITH_FACTS = (joinedload(Case.holder), joinedload(Case.origin), joinedload(Case.submitter),
               joinedload(Case.action_items))
_CASE_WITH_FACTS = CASE_WITH_ROLES.options(*_WITH_FACTS)
# What an event needs: the holder (its name goes into the notifications). Its answer has the other
# facts from the history's statement (`case_history`); building them as objects cost more than that.
_CASE_FOR_EVENT = CASE_WITH_ROLES.options(joinedload(Case.holder))
_HISTORY = (select(CaseEvent).where(CaseEvent.case_id == bindparam("case")).order_by(CaseEvent.seq)
            .options(joinedload(CaseEvent.actor), joinedload(CaseEvent.from_committee),
                     joinedload(CaseEvent.to_committee)))


@dataclass(frozen=True)
class CaseView:
    """A case, how much of it the person sees, and the roles they act with on it."""

    case: Case
    level: Level
    roles: frozenset[str]


def case_view(session: Session, person: Person, case_id: int, *, facts: bool = True) -> CaseView:
    """Return the case (with its facts) as `person` sees it, in full or redacted, or raise Unknown.

    One query: the case with what every view shows (`facts`; else only its holder) and the person's
    roles in the committees that held it (the one rule decides from them); the roles in the holder
    are remembered for the rest of the request.
    """
    query = _CASE_WITH_FACTS if facts else _CASE_FOR_EVENT
    rows = session.execute(query, {"case": case_id, "person": person.id}).unique().all()
    if not rows:
        raise Unknown(_("Case %(id)s was not found."), id=case_id)
    case = rows[0][0]
    level, roles = level_from_rows(person, case, ((r.committee_id, r.role) for r in rows))
    if not level.shows_case:  # a case only counted in reports is not found either
        raise Unknown(_("Case %(id)s was not found."), id=case_id)
    _remember(session, person.id, case.holder_id, roles)
    if case.submitter_id == person.id:
        roles.add(SUBMITTER)
    return CaseView(case, level, frozenset(roles) if level == Level.FULL else frozenset())


def load_history(session: Session, case: Case) -> Case:
    """Load the case's history with each row's actor and committees in one query; return the case.

    So a case page or answer costs the same number of statements however long its history is.
    """
    rows = session.scalars(_HISTORY, {"case": case.id}).unique().all()
    set_committed_value(case, "history", list(rows))
    return case


def visible_case(session: Session, person: Person, case_id: int) -> Case:
    """Return the case if `person` may read it; raise Unknown (not seen) or NotAllowed (redacted)."""
    return visible_case_and_roles(session, person, case_id)[0]


def visible_case_and_roles(session: Session, person: Person, case_id: int, *, facts: bool = True
                           ) -> tuple[Case, set[str]]:
    """Return the case and the roles `person` acts with on it, or raise Unknown or NotAllowed.

    Only a person who reads the case in full gets it: one who sees it redacted gets NotAllowed,
    so they can never act on it. `facts`: as `case_view`.
    """
    view = case_view(session, person, case_id, facts=facts)
    if view.level < Level.FULL:
        raise NotAllowed(REDACTED_ONLY, id=case_id)
    return view.case, set(view.roles)
