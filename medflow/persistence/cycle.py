"""The annual cycle (årshjul): a committee's recurring items, its own and those published from above."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.cascades import Cascade
from medflow.persistence.org import Committee


class CycleItem(Base):
    """One recurring item of a committee's cycle; a copy from above names its source and cascade.

    Items are never deleted (meeting items point at them): a committee's own item is put away by
    `active`; a copy from above cannot be put away, only placed within its period (`placed_month`).
    """

    __tablename__ = "cycle_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(10))  # month | quarter | year | meeting
    month: Mapped[int | None]
    quarter: Mapped[int | None]
    every_years: Mapped[int] = mapped_column(default=1)
    start_year: Mapped[int | None]
    template: Mapped[str] = mapped_column(Text, default="")  # the minutes' sections, one a line
    placed_month: Mapped[int | None]  # moved later within its period
    source_id: Mapped[int | None] = mapped_column(ForeignKey("cycle_items.id"), index=True)
    cascade_id: Mapped[int | None] = mapped_column(ForeignKey("cascades.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    committee: Mapped[Committee] = relationship()
    source: Mapped[CycleItem | None] = relationship(remote_side=[id])
    cascade: Mapped[Cascade | None] = relationship()
