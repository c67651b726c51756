"""The "pixi" guide of a workplace: where to go with a question, where information comes from, who
represents me: one printable page from the same data as the guide (the tree, the memberships and
the communication item of approved minutes).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from medflow.domain.errors import Unknown, _
from medflow.domain.sides import MANAGEMENT
from medflow.persistence.models import Committee, CommunicationLine, Meeting, MeetingItem, Membership, Person
from medflow.services.topics import Member, members_of
from medflow.services.tree import load_tree

NEWEST_LINES = 8


@dataclass(frozen=True)
class Step:
    """One committee on the way up from the workplace, with who sits there."""

    committee: Committee
    members: list[Member]


@dataclass(frozen=True)
class Pixi:
    """Everything the pixi page shows for one workplace."""

    workplace: Committee
    steps: list[Step]  # the workplace first, then the area, up to the top (KommuneMED)
    leaders: list[str]  # the workplace committee's management side
    tr: list[str]
    amr: list[str]
    lines: list[CommunicationLine]  # the newest things told to this workplace from its committees


def _chain(session: Session, workplace: Committee) -> list[Committee]:
    """Return the workplace and every committee above it, bottom up."""
    ids = [workplace.id, *(n.id for n in load_tree(session).ancestors(workplace.id))]
    found = {c.id: c for c in session.scalars(select(Committee).where(Committee.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def _names(session: Session, committee: Committee, *where) -> list[str]:
    """Return the names of the active members of a committee that match `where`, sorted."""
    return sorted(set(session.scalars(select(Person.name).join(Membership.person).where(
        Membership.committee_id == committee.id, Person.active.is_(True), *where))))


def _lines(session: Session, workplace: Committee, chain: list[Committee]) -> list[CommunicationLine]:
    """Return the newest lines of approved minutes in the chain meant for this workplace's employees."""
    return list(session.scalars(
        select(CommunicationLine).join(MeetingItem).join(Meeting)
        .where(Meeting.committee_id.in_([c.id for c in chain]), Meeting.approved_at.is_not(None),
               or_(CommunicationLine.audience == "employees",
                   CommunicationLine.audience_committee_id == workplace.id))
        .options(selectinload(CommunicationLine.item).selectinload(MeetingItem.meeting))
        .order_by(Meeting.date.desc(), CommunicationLine.id.desc()).limit(NEWEST_LINES)))


def pixi(session: Session, key: str) -> Pixi:
    """Return the pixi guide of the committee `key` (any logged-in reader: it names no case)."""
    workplace = session.scalar(select(Committee).where(Committee.key == key, Committee.closed_at.is_(None)))
    if workplace is None:
        raise Unknown(_("Committee %(key)s was not found."), key=key)
    chain = _chain(session, workplace)
    return Pixi(workplace, [Step(c, members_of(session, c)) for c in chain],
                leaders=_names(session, workplace, Membership.side == MANAGEMENT),
                tr=_names(session, workplace, Membership.role == "tr"),
                amr=_names(session, workplace, Membership.role == "amr"),
                lines=_lines(session, workplace, chain))
