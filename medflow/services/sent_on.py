"""Cases a committee sent on: they stay in its view, with where they are now, until they are closed.

A committee that forwards a case (or whose case the sweep escalated) still answers to the people
who brought it; the case must not just vanish from its inbox.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from medflow.persistence.models import Case, CaseEvent, Committee, Person
from medflow.services.queries import Page
from medflow.services.visibility import redact_for, visible_to

SENT_ON_EVENTS = ("forward",)  # an escalation is recorded as a forward without an actor


def _sent_on_query(session: Session, person: Person, committee: Committee):
    sent = select(CaseEvent.case_id).where(
        CaseEvent.from_committee_id == committee.id, CaseEvent.to_committee_id != committee.id,
        CaseEvent.event.in_(SENT_ON_EVENTS))
    return select(Case).where(Case.id.in_(sent), Case.closed_at.is_(None), Case.holder_id != committee.id,
                              visible_to(person))  # the one visibility rule: in full or redacted


def sent_on(session: Session, person: Person, committee: Committee, size: int = 25) -> Page:
    """Return the newest open cases `committee` sent on (at most `size`, redacted where the rule says)."""
    query = _sent_on_query(session, person, committee)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(query.options(selectinload(Case.holder))
                            .order_by(Case.updated_at.desc(), Case.id.desc()).limit(size)).all()
    return Page(redact_for(session, person, items), total)
