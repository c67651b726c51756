"""Cases a committee sent on: they stay in its view, with where they are now, until 30 days after closing.

A committee that forwards a case (or whose case the sweep escalated) still answers to the people
who brought it; the case must not just vanish from its inbox. The list reads the `sent_on` rows
(one per committee and case it passed on, with when the case closed) through their index: the open
ones and those closed in the last 30 days, never every case the committee ever passed on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert, literal, or_, select, update
from sqlalchemy.orm import Session, selectinload

from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, CaseEvent, Committee, Person, SentOn
from medflow.services.paging import count_upto
from medflow.services.queries import Page
from medflow.services.visibility import redact_for, visible_to

SENT_ON_EVENTS = ("forward",)  # an escalation is recorded as a forward without an actor
REOPEN_EVENTS = ("reopen",)  # the events that take a closed case back into work (see the workflows)
RECENTLY_CLOSED_DAYS = 30
COUNT_CAP = 100  # "the newest 25 of more than 100": the count stops here


def track(session: Session, case: Case, event: CaseEvent) -> None:
    """Keep `sent_on` in step with the history, inside the event's transaction (a case-event listener).

    A forward adds the sender's row; closing or reopening a case updates its rows' `closed_at`.
    Every other event writes nothing, so the common events cost no extra statement.
    """
    if event.event in SENT_ON_EVENTS and event.from_committee_id not in (None, event.to_committee_id):
        known = select(SentOn.case_id).where(SentOn.committee_id == event.from_committee_id,
                                             SentOn.case_id == case.id)
        row = {"committee_id": event.from_committee_id, "case_id": case.id, "closed_at": case.closed_at}
        session.execute(insert(SentOn).from_select(  # once per committee and case, however often sent
            ["committee_id", "case_id", "closed_at"],
            select(*(_literal(k, v) for k, v in row.items())).where(~known.exists())))
    if case.closed_at is not None or event.event in REOPEN_EVENTS:
        session.execute(update(SentOn).where(SentOn.case_id == case.id).values(closed_at=case.closed_at))


def _literal(key: str, value):
    """Return a bound value for the INSERT ... SELECT, typed like the column it fills."""
    return literal(value, SentOn.__table__.c[key].type).label(key)


def _sent_on_query(person: Person, committee: Committee, since: datetime):
    """Return the open and recently closed cases `committee` sent on that `person` sees, elsewhere now."""
    rows = select(SentOn.case_id).where(SentOn.committee_id == committee.id,
                                        or_(SentOn.closed_at.is_(None), SentOn.closed_at >= since))
    return select(Case).where(Case.id.in_(rows), Case.holder_id != committee.id,
                              visible_to(person))  # the one visibility rule: in full or redacted


def sent_on(session: Session, person: Person, committee: Committee, size: int = 25,
            now: datetime | None = None) -> Page:
    """Return the newest cases `committee` sent on that are open or recently closed (at most `size`)."""
    since = (now or utcnow()) - timedelta(days=RECENTLY_CLOSED_DAYS)
    query = _sent_on_query(person, committee, since)
    total = count_upto(session, query.with_only_columns(Case.id), COUNT_CAP + 1)
    items = session.scalars(query.options(selectinload(Case.holder))
                            .order_by(Case.updated_at.desc(), Case.id.desc()).limit(size)).all()
    return Page(redact_for(session, person, items), min(total, COUNT_CAP), capped=total > COUNT_CAP)


def recount(session: Session) -> set[tuple[int, int]]:
    """Return every (committee, case) pair the history says was sent on: what `sent_on` must hold."""
    pairs = select(CaseEvent.from_committee_id, CaseEvent.case_id).where(
        CaseEvent.event.in_(SENT_ON_EVENTS), CaseEvent.from_committee_id.is_not(None),
        CaseEvent.from_committee_id != CaseEvent.to_committee_id).distinct()
    return {(committee, case) for committee, case in session.execute(pairs)}
