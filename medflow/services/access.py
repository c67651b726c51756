"""Who holds which roles where, and who may see a case."""

from __future__ import annotations

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from medflow.domain.definitions import SUBMITTER
from medflow.domain.errors import Unknown, _
from medflow.domain.policy import may_see
from medflow.persistence.models import Case, CaseEvent, Membership, Person

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
_HISTORY = (select(CaseEvent).where(CaseEvent.case_id == bindparam("case")).order_by(CaseEvent.seq)
            .options(joinedload(CaseEvent.actor), joinedload(CaseEvent.from_committee),
                     joinedload(CaseEvent.to_committee)))
# The case with its facts and, beside it, the person's roles in its holder and in every committee
# that has held it: one query (built once), one row per role (a case row alone when there are none).
_CASE_AND_ROLES = (
    select(Case, Membership.committee_id, Membership.role).options(*_WITH_FACTS)
    .outerjoin(Membership, and_(
        Membership.person_id == bindparam("person"),
        or_(Membership.committee_id == Case.holder_id, Membership.committee_id.in_(
            select(CaseEvent.to_committee_id).where(CaseEvent.case_id == Case.id).scalar_subquery())),
    ))
    .where(Case.id == bindparam("case"))
)


def load_history(session: Session, case: Case) -> Case:
    """Load the case's history with each row's actor and committees in one query; return the case.

    So a case page or answer costs the same number of statements however long its history is.
    """
    rows = session.scalars(_HISTORY, {"case": case.id}).unique().all()
    set_committed_value(case, "history", list(rows))
    return case


def visible_case(session: Session, person: Person, case_id: int) -> Case:
    """Return the case, or raise Unknown if it does not exist or `person` may not see it."""
    return visible_case_and_roles(session, person, case_id)[0]


def visible_case_and_roles(session: Session, person: Person, case_id: int) -> tuple[Case, set[str]]:
    """Return the case and the roles `person` acts with on it (one query), or raise Unknown.

    The rules of `policy.may_see` and `actor_roles`, answered from a single query of the
    person's roles in every committee that has held the case (the holder always has).
    """
    rows = session.execute(_CASE_AND_ROLES, {"person": person.id, "case": case_id}).unique().all()
    if not rows:
        raise Unknown(_("Case %(id)s was not found."), id=case_id)
    case = rows[0][0]
    rows = [row for row in rows if row.role is not None]
    is_submitter = case.submitter_id == person.id
    if not may_see(is_admin=person.is_admin, is_submitter=is_submitter, confidential=case.confidential,
                   roles_in_holders=(row.role for row in rows)):
        raise Unknown(_("Case %(id)s was not found."), id=case_id)
    roles = {row.role for row in rows if row.committee_id == case.holder_id}
    _remember(session, person.id, case.holder_id, roles)
    if is_submitter:
        roles.add(SUBMITTER)
    return case, roles
