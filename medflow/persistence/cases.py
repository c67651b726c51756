"""Cases, their append-only history and work-environment action-plan items."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from medflow.persistence.base import Base, UTCDateTime, utcnow
from medflow.persistence.org import Committee, Person


class Case(Base):
    """A question or task travelling through the committees; `version` guards every change."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_holder_state", "holder_id", "state"),
        # one per list, matching its filter and order (see tests/integration/test_query_plans.py)
        Index("ix_cases_holder_closed", "holder_id", "closed_at"),  # inbox: open or recently closed
        Index("ix_cases_holder_created", "holder_id", "created_at", "id"),  # a committee's cases, newest first
        Index("ix_cases_submitter_updated", "submitter_id", "updated_at", "id"),  # "Mine sager"
        # inbox: each group (new, handling, agenda by meeting date) in its order, newest change first
        Index("ix_cases_holder_inbox", "holder_id", "inbox_group", "meeting_date", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workflow: Mapped[str] = mapped_column(String(60))
    topic: Mapped[str | None] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    confidential: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(40))
    holder_id: Mapped[int] = mapped_column(ForeignKey("committees.id"))
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)  # None: anonymised
    origin_id: Mapped[int] = mapped_column(ForeignKey("committees.id"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    meeting_date: Mapped[date | None] = mapped_column(Date)
    state_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # by the retention rule
    version: Mapped[int] = mapped_column(default=1)
    # medflow.domain.inbox: 0 new (what a case starts as), 1 handling, 2 on the agenda, 3 closed
    inbox_group: Mapped[int] = mapped_column(SmallInteger, default=0, server_default=text("0"))
    focus_area_id: Mapped[int | None] = mapped_column(ForeignKey("plan_subjects.id"))  # a plan subject

    holder: Mapped[Committee] = relationship(foreign_keys=[holder_id])
    origin: Mapped[Committee] = relationship(foreign_keys=[origin_id])
    submitter: Mapped[Person | None] = relationship()
    history: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="CaseEvent.seq", cascade="save-update, merge"
    )
    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="case", order_by="ActionItem.id"
    )

    __mapper_args__ = {"version_id_col": version}


class CaseEvent(Base):
    """One thing that happened to a case. Rows are only ever inserted."""

    __tablename__ = "case_events"
    # The index serves "sent on" lists: the cases a committee passed on, found by the sender.
    __table_args__ = (UniqueConstraint("case_id", "seq"),
                      Index("ix_case_events_from_committee", "from_committee_id", "case_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    event: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(40))
    to_state: Mapped[str] = mapped_column(String(40))
    from_committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"))
    to_committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    comment: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="history")
    actor: Mapped[Person | None] = relationship()
    from_committee: Mapped[Committee | None] = relationship(foreign_keys=[from_committee_id])
    to_committee: Mapped[Committee] = relationship(foreign_keys=[to_committee_id])


class ActionItem(Base):
    """An item of a work-environment action plan (handlingsplan), as the APV rules ask."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    problem: Mapped[str] = mapped_column(Text)
    solution: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date] = mapped_column(Date)
    effect_check: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    done_on: Mapped[date | None] = mapped_column(Date)  # the kommune's date it was done; None: not yet

    case: Mapped[Case] = relationship(back_populates="action_items")


class SentOn(Base):
    """A case a committee sent on, and when the case was closed (None: open).

    The history says the same, but reading it means every case the committee ever passed on; this
    row lets its "Sendt videre" list read only the open ones and the recently closed through an index.
    Written in the transaction of each forward, close and reopen (`services.sent_on.track`).
    """

    __tablename__ = "sent_on"
    # open ones (closed_at NULL) newest sent first, and the recently closed, each one index range
    __table_args__ = (Index("ix_sent_on_committee_closed", "committee_id", "closed_at", "sent_at", "case_id"),)

    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True, index=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the last time the committee sent it on
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HistoryIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete a history row."""


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_history_changes(state) -> None:
    """Refuse ORM-enabled UPDATE and DELETE statements on the history table too."""
    if (state.is_update or state.is_delete) and any(
        m.class_ is CaseEvent for m in state.all_mappers
    ):
        raise HistoryIsAppendOnly("case history rows are never updated or deleted")


@event.listens_for(Session, "before_flush")
def _refuse_history_changes(session: Session, flush_context, instances) -> None:
    """Keep the case history append-only, whatever a caller attempts."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, CaseEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise HistoryIsAppendOnly("case history rows are never updated or deleted")
