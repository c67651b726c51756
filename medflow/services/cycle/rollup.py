"""The cycle's part of a cascade's roll-up: which committees below have held the item this period.

Publishing a cycle item is a cascade, so its one roll-up is the cascade's page; this adds, for each
receiving committee, the item's status in the period that counts now (this year's, or the last one
when the item is not due this year).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain import cycle as rules
from medflow.persistence.models import CycleItem
from medflow.services.cycle.status import HELD, OVERDUE, Status, meetings_holding, recurrence_of, status_in


@dataclass
class CycleRollup:
    """A published cycle item's period and each receiving committee's status in it."""

    source: CycleItem
    period: rules.Period | None
    rows: list[Status] = field(default_factory=list)

    @property
    def not_held(self) -> list[Status]:
        """Return the committees that have not held the item in the period (yet)."""
        return [row for row in self.rows if row.state != HELD]

    @property
    def overdue(self) -> list[Status]:
        """Return the committees whose period ended without the item."""
        return [row for row in self.rows if row.state == OVERDUE]


def for_cascade(session: Session, cascade_id: int, today: date) -> CycleRollup | None:
    """Return the cycle roll-up of a cascade that published a cycle item, else None."""
    source = session.scalar(select(CycleItem).where(CycleItem.cascade_id == cascade_id,
                                                    CycleItem.source_id.is_(None)))
    if source is None:
        return None
    period = rules.counting_period(recurrence_of(source), today)
    result = CycleRollup(source, period)
    if period is None:  # at each meeting: nothing to count
        return result
    copies = session.scalars(select(CycleItem).where(CycleItem.source_id == source.id)
                             .order_by(CycleItem.id)).all()
    held = meetings_holding(session, [c.id for c in copies], period.start, period.end)
    rows = [status_in(c, period, held[c.id], today) for c in copies]
    result.rows = sorted(rows, key=lambda s: (s.item.committee.level.rank, s.item.committee.name))
    return result
