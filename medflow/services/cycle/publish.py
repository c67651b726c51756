"""Publishing a cycle item down: a cascade (its targeting, cases and roll-up) plus a copy in each cycle below.

The cascade is the one roll-up: its receipts name the committees that got the item, and the
cascade's page shows, beside each committee's case, whether it has held the item this period.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import NotPossible, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import CascadeReceipt, Case, CaseEvent, CycleItem, Person
from medflow.services import cascades
from medflow.services.cycle.items import item_of, officer_committee

COPIED = ("title", "text", "kind", "month", "quarter", "every_years", "start_year", "template")


def publish_down(session: Session, person: Person, key: str, item_id: object, *, levels: tuple[str, ...] = (),
                 branches: tuple[str, ...] = (), now: datetime | None = None) -> CycleItem:
    """Publish one of the committee's own items to the committees below (as cascades target them)."""
    committee = officer_committee(session, person, key)
    item = item_of(session, committee, item_id)
    if item.source_id is not None:
        raise NotPossible(_("This item comes from the committee above; only its sender can publish it."))
    if item.cascade_id is not None:
        raise NotPossible(_("This item has already been published to the committees below."))
    new = cascades.NewCascade(committee=committee.key, title=item.title, body=item.text or item.title,
                              kind="task", internal=True, levels=levels, branches=branches)
    now = now or utcnow()
    cascade = cascades.publish_uncommitted(session, person, new, now)
    item.cascade_id = cascade.id
    for receipt in cascade.receipts:
        _copy(session, item, receipt.committee_id, cascade.id, now)
    session.commit()
    return item


def _copy(session: Session, item: CycleItem, committee_id: int, cascade_id: int, now: datetime) -> None:
    session.add(CycleItem(committee_id=committee_id, source_id=item.id, cascade_id=cascade_id, created_at=now,
                          **{name: getattr(item, name) for name in COPIED}))


def copy_on_pass_down(session: Session, case: Case, event: CaseEvent) -> None:
    """When a committee passes a cycle item's cascade further down, the new receivers get it in their cycle."""
    if case.workflow != cascades.WORKFLOW or event.event != "pass_down":
        return
    source = session.scalar(select(CycleItem).where(CycleItem.cascade_id == case.data["cascade_id"],
                                                    CycleItem.source_id.is_(None)))
    if source is None:
        return
    have = set(session.scalars(select(CycleItem.committee_id).where(CycleItem.source_id == source.id)))
    for committee_id in session.scalars(select(CascadeReceipt.committee_id)
                                        .where(CascadeReceipt.cascade_id == source.cascade_id)):
        if committee_id not in have:
            _copy(session, source, committee_id, source.cascade_id, event.created_at)
