"""Reading cascades: the sender's roll-up and the employees' "information from above"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import Session, selectinload

from medflow.domain.calendar import local_date
from medflow.domain.errors import Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import Cascade, CascadeReceipt, Case, CaseEvent, Committee, Membership, Person
from medflow.services.cycle.rollup import CycleRollup, for_cascade
from medflow.services.tree import informed_committees

NOTE_EVENTS = ("discuss", "report_back")
NEWEST = 50  # "information from above" shows this many items, newest first, never every one ever sent
DISCUSSED = ("discussed", "reported_back")


@dataclass
class Row:
    """One receiving committee's progress on a cascade."""

    receipt: CascadeReceipt
    overdue: bool
    notes: list[CaseEvent]


@dataclass
class LevelCount:
    """How far the committees of one level have come."""

    key: str
    name: str
    received: int = 0
    discussed: int = 0
    reported_back: int = 0
    overdue: int = 0


@dataclass
class Rollup:
    """The sender's overview of a cascade."""

    cascade: Cascade
    levels: list[LevelCount] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    cycle: CycleRollup | None = None  # a published cycle item: who has held it this period


def _notes(session: Session, case_ids: list[int]) -> dict[int, list[CaseEvent]]:
    result: dict[int, list[CaseEvent]] = {i: [] for i in case_ids}
    rows = session.scalars(select(CaseEvent).where(CaseEvent.case_id.in_(case_ids),
                                                   CaseEvent.event.in_(NOTE_EVENTS))
                           .order_by(CaseEvent.case_id, CaseEvent.seq))
    for row in rows:
        result[row.case_id].append(row)
    return result


def is_overdue(cascade: Cascade, case: Case, today: date) -> bool:
    """Tell whether a committee has not reported back by the cascade's due date."""
    return cascade.due_date is not None and case.state != "reported_back" and today > cascade.due_date


def rollup_readers(person: Person) -> ColumnElement[bool]:
    """Return who may read a cascade's roll-up, as a filter on `Cascade`: its publisher, a member of
    the sending committee, an administrator (the roll-up page and search share it)."""
    if person.is_admin:
        return true()
    return or_(Cascade.publisher_id == person.id, Cascade.committee_id.in_(
        select(Membership.committee_id).where(Membership.person_id == person.id)))


def received_from_above(committee_ids: set[int]) -> ColumnElement[bool]:
    """Return the cascades "information from above" shows to employees of these committees, as a filter
    on `Cascade`: not internal, and received by one of them (the page and search share it)."""
    return and_(Cascade.internal.is_(False), Cascade.id.in_(
        select(CascadeReceipt.cascade_id).where(CascadeReceipt.committee_id.in_(sorted(committee_ids)))))


def _visible_cascade(session: Session, person: Person, cascade_id: int) -> Cascade:
    cascade = session.scalar(select(Cascade).where(Cascade.id == cascade_id, rollup_readers(person)))
    if cascade is None:
        raise Unknown(_("Cascade %(id)s was not found."), id=cascade_id)
    return cascade


def rollup(session: Session, person: Person, cascade_id: int, now: datetime | None = None) -> Rollup:
    """Return the roll-up per level and per committee; only the sending committee may see it."""
    cascade = _visible_cascade(session, person, cascade_id)
    today = local_date(now or utcnow())
    receipts = session.scalars(
        select(CascadeReceipt).where(CascadeReceipt.cascade_id == cascade.id)
        .options(selectinload(CascadeReceipt.case), selectinload(CascadeReceipt.committee)
                 .selectinload(Committee.level))).all()
    receipts = sorted(receipts, key=lambda r: (r.committee.level.rank, r.committee.name))
    notes = _notes(session, [r.case_id for r in receipts])
    result, levels = Rollup(cascade), {}
    for r in receipts:
        level = levels.setdefault(r.committee.level.key,
                                  LevelCount(r.committee.level.key, r.committee.level.name))
        overdue = is_overdue(cascade, r.case, today)
        level.received += 1
        level.discussed += r.case.state in DISCUSSED
        level.reported_back += r.case.state == "reported_back"
        level.overdue += overdue
        result.rows.append(Row(r, overdue, notes[r.case_id]))
    result.levels = list(levels.values())
    result.cycle = for_cascade(session, cascade.id, today)
    return result


@dataclass
class Received:
    """A cascade as the employees of a workplace see it, with what their committees noted."""

    cascade: Cascade
    rows: list[Row]


def information_from_above(session: Session, person: Person, now: datetime | None = None,
                           limit: int = NEWEST) -> list[Received]:
    """Return the newest items the person's committees (workplace and those above) received, except internal."""
    mine = informed_committees(session, person)
    if not mine:
        return []
    newest = (select(Cascade.id).where(received_from_above(mine))
              .order_by(Cascade.created_at.desc(), Cascade.id.desc()).limit(limit))
    receipts = session.scalars(
        select(CascadeReceipt).join(Cascade)
        .where(CascadeReceipt.committee_id.in_(mine), CascadeReceipt.cascade_id.in_(newest.scalar_subquery()))
        .order_by(Cascade.created_at.desc(), CascadeReceipt.id)).all()
    notes = _notes(session, [r.case_id for r in receipts])
    today = local_date(now or utcnow())
    grouped: dict[int, Received] = {}
    for r in receipts:
        item = grouped.setdefault(r.cascade_id, Received(r.cascade, []))
        item.rows.append(Row(r, is_overdue(r.cascade, r.case, today), notes[r.case_id]))
    return list(grouped.values())


def published_by(session: Session, person: Person, limit: int = 20) -> list[Cascade]:
    """Return the newest items `person` published downwards (one each, however many committees got it)."""
    return list(session.scalars(select(Cascade).where(Cascade.publisher_id == person.id)
                                .order_by(Cascade.created_at.desc(), Cascade.id.desc()).limit(limit)))
