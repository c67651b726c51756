"""Cases a committee sent on: they stay in its view, with where they are now, until 30 days after closing.

A committee that forwards a case (or whose case the sweep escalated) still answers to the people
who brought it; the case must not just vanish from its inbox. The list reads the `sent_on` rows
(one per committee and case it passed on, with when the case closed) through their index: the open
ones and those closed in the last 30 days, never every case the committee ever passed on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, bindparam, func, select, union_all, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, CaseEvent, Committee, Person, SentOn
from medflow.services.access import roles_in
from medflow.services.case_history import known_history
from medflow.services.paging import count_upto
from medflow.services.queries import Page
from medflow.services.redaction import redact_for
from medflow.services.visibility import visible_in_holder

SENT_ON_EVENTS = ("forward",)  # an escalation is recorded as a forward without an actor
REOPEN_EVENTS = ("reopen",)  # the events that take a closed case back into work (see the workflows)
RECENTLY_CLOSED_DAYS = 30
COUNT_CAP = 100  # "the newest 25 of more than 100": the count stops here


def track(session: Session, case: Case, event: CaseEvent) -> None:
    """Keep `sent_on` in step with the history, inside the event's transaction (a case-event listener).

    A forward adds the sender's row (or dates it anew when it sends the case on again: one upsert,
    which both databases have); closing or reopening a case sets its rows' `closed_at` (a case never
    sent on, as its loaded history shows, has none to set). Every other event writes nothing.
    """
    conn = session.connection()
    if _sent_on_by(event):
        upsert = (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(SentOn).values(
            committee_id=event.from_committee_id, case_id=case.id, sent_at=event.created_at,
            closed_at=case.closed_at)
        conn.execute(upsert.on_conflict_do_update(  # one statement: sent on again, dated anew
            index_elements=[SentOn.committee_id, SentOn.case_id], set_={"sent_at": upsert.excluded.sent_at}))
    if (case.closed_at is not None or event.event in REOPEN_EVENTS) and _may_have_rows(session, case):
        conn.execute(_CLOSE, {"of_case": case.id, "new_closed_at": case.closed_at})


_CLOSE = (update(SentOn).where(SentOn.case_id == bindparam("of_case"))
          .values(closed_at=bindparam("new_closed_at")))


def _sent_on_by(event: CaseEvent) -> bool:
    """Tell whether a history row gives its sender a `sent_on` row (what `recount` counts)."""
    return event.event in SENT_ON_EVENTS and event.from_committee_id not in (None, event.to_committee_id)


def _may_have_rows(session: Session, case: Case) -> bool:
    """Tell whether the case may have `sent_on` rows: when its history is at hand (an event's answer
    shows it), only if a row of it was sent on; else it may, and the UPDATE finds out."""
    history = known_history(session, case)
    return history is None or any(_sent_on_by(e) for e in history)


def _ranges(session: Session, person: Person, committee: Committee, since: datetime) -> list[Select]:
    """Return the two index ranges of the list: open cases, and those closed since `since`, newest sent first.

    Each is one range of `ix_sent_on_committee_closed` in `sent_at` order (an OR of the two would read
    every row of the committee). The committee held each case, so the person's roles there settle
    the visibility rule without a test per case (`visible_in_holder`).
    """
    roles = roles_in(session, person, {committee.id})
    mine = (select(SentOn.case_id, SentOn.sent_at).join(Case, Case.id == SentOn.case_id)
            .where(SentOn.committee_id == committee.id, Case.holder_id != committee.id,
                   visible_in_holder(person, roles, holds_now=False)))
    newest = (SentOn.sent_at.desc(), SentOn.case_id.desc())
    # the open range names `closed_at` in its order too: PostgreSQL does not count IS NULL as an
    # equality, and only then reads the index backwards in order and stops after the page
    return [mine.where(SentOn.closed_at.is_(None)).order_by(SentOn.closed_at.desc().nulls_first(), *newest),
            mine.where(SentOn.closed_at >= since).order_by(*newest)]


def sent_on(session: Session, person: Person, committee: Committee, size: int = 25,
            now: datetime | None = None) -> Page:
    """Return the cases `committee` sent on that are open or recently closed, the last sent first."""
    ranges = _ranges(session, person, committee, (now or utcnow()) - timedelta(days=RECENTLY_CLOSED_DAYS))
    counted = union_all(*(select(r.order_by(None).limit(COUNT_CAP + 1).subquery()) for r in ranges))
    total = count_upto(session, counted, COUNT_CAP + 1)
    both = union_all(*(select(r.limit(size).subquery()) for r in ranges)).subquery()
    items = session.scalars(select(Case).join(both, both.c.case_id == Case.id)
                            .options(selectinload(Case.holder))
                            .order_by(both.c.sent_at.desc(), Case.id.desc()).limit(size)).all()
    return Page(redact_for(session, person, items), min(total, COUNT_CAP), capped=total > COUNT_CAP)


def recount(session: Session) -> dict[tuple[int, int], datetime]:
    """Return, per (committee, case) the history says was sent on, when it last was: what `sent_on` holds."""
    pairs = select(CaseEvent.from_committee_id, CaseEvent.case_id, func.max(CaseEvent.created_at)).where(
        CaseEvent.event.in_(SENT_ON_EVENTS), CaseEvent.from_committee_id.is_not(None),
        CaseEvent.from_committee_id != CaseEvent.to_committee_id,
    ).group_by(CaseEvent.from_committee_id, CaseEvent.case_id)
    return {(committee, case): at for committee, case, at in session.execute(pairs)}
