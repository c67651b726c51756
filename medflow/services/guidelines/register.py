"""The guideline register: the guidelines and policies in force, by committee and topic.

A guideline is a case closed with the outcome "guideline" (reopening it clears the outcome, so it
leaves the register by itself). The list goes through the one visibility rule at the levels that
read a register entry (`READS_PUBLISHED`): those who read the case in full, and, while it is in
force, every employee under the committee that decided it (`PUBLISHED`: the title, committee,
dates and the decision, never the description, comments, history or submitter, nor a link to the
case). A confidential guideline is listed only to those who may read the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from medflow.domain.errors import Unknown, _
from medflow.domain.visibility import READS_PUBLISHED
from medflow.persistence.models import Case, Committee, GuidelineChange, Meeting, MeetingItem, Person
from medflow.services.access import roles_in
from medflow.services.guidelines.published import IN_FORCE, REPLACED, WITHDRAWN, is_guideline
from medflow.services.visibility import fully_visible_ids, visible_at

__all__ = ["IN_FORCE", "REPLACED", "WITHDRAWN", "Guideline", "find", "history", "is_guideline", "may_keep",
           "readable", "readable_ids", "register"]

STATUSES = (IN_FORCE, REPLACED, WITHDRAWN)
SHOW = (IN_FORCE, REPLACED, WITHDRAWN, "all")  # what the register lists; in force unless asked
KEEPERS = frozenset({"chair", "secretary"})  # who of the deciding committee keeps its guidelines
DECIDING_EVENT = "resolve"


@dataclass(frozen=True)
class Guideline:
    """One row of the register: the case, where and when it was decided, and its standing now."""

    case: Case
    meeting: Meeting | None
    change: GuidelineChange | None  # the newest change of standing; None: in force since decided
    full: bool = False  # the reader reads the case itself (else only its published entry: no link to it)

    @property
    def status(self) -> str:
        """Return in_force, replaced or withdrawn."""
        return self.change.status if self.change is not None else IN_FORCE

    @property
    def decided_at(self) -> datetime:
        """Return when the case was closed as a guideline."""
        return self.case.closed_at  # type: ignore[return-value]  # the register holds closed cases only


def _latest_changes():
    """Return the newest change per case, as a subquery (case_id, last)."""
    return (select(GuidelineChange.case_id, func.max(GuidelineChange.id).label("last"))
            .group_by(GuidelineChange.case_id).subquery())


def _meetings(session: Session, case_ids: list[int]) -> dict[int, Meeting]:
    """Return, per case, the meeting whose minutes decided it (the last such item), if any."""
    if not case_ids:
        return {}
    rows = session.execute(select(MeetingItem.case_id, Meeting)
                           .join(Meeting, Meeting.id == MeetingItem.meeting_id)
                           .where(MeetingItem.case_id.in_(case_ids), MeetingItem.decision == DECIDING_EVENT)
                           .order_by(MeetingItem.id))
    return {case_id: meeting for case_id, meeting in rows}


def register(session: Session, person: Person, show: str = IN_FORCE, committee: str | None = None,
             topic: str | None = None, case_id: int | None = None) -> list[Guideline]:
    """Return the guidelines `person` may read, by committee, topic and newest decision first."""
    latest = _latest_changes()
    query = (select(Case, GuidelineChange).join(Committee, Committee.id == Case.holder_id)
             .outerjoin(latest, latest.c.case_id == Case.id)
             .outerjoin(GuidelineChange, GuidelineChange.id == latest.c.last)
             .where(is_guideline(), readable(person))
             .options(selectinload(Case.holder))
             .order_by(Committee.name, Case.topic, Case.closed_at.desc(), Case.id.desc()))
    if show == IN_FORCE:
        query = query.where(GuidelineChange.id.is_(None) | (GuidelineChange.status == IN_FORCE))
    elif show in (REPLACED, WITHDRAWN):
        query = query.where(GuidelineChange.status == show)
    if committee:
        query = query.where(Committee.key == committee)
    if topic:
        query = query.where(Case.topic == topic)
    if case_id is not None:
        query = query.where(Case.id == case_id)
    rows = session.execute(query).all()
    meetings = _meetings(session, [case.id for case, _change in rows])
    full = fully_visible_ids(session, person, [case.id for case, _change in rows])
    return [Guideline(case, meetings.get(case.id), change, case.id in full) for case, change in rows]


def readable(person: Person):
    """Return the filter on `Case`: the register entries `person` may read (the rule at `READS_PUBLISHED`)."""
    return visible_at(person, READS_PUBLISHED)


def readable_ids(session: Session, person: Person, case_ids: list[int]) -> set[int]:
    """Return which of these guidelines `person` may read in the register (to name a replacement)."""
    if not case_ids:
        return set()
    return set(session.scalars(select(Case.id).where(Case.id.in_(case_ids), is_guideline(), readable(person))))


def find(session: Session, person: Person, case_id: int) -> Guideline:
    """Return one guideline `person` may read, or raise Unknown (a hidden one is not said to exist)."""
    found = register(session, person, "all", case_id=case_id)
    if not found:
        raise Unknown(_("There is no guideline %(id)s in the register."), id=case_id)
    return found[0]


def may_keep(session: Session, person: Person, case: Case) -> bool:
    """Tell whether `person` is chair or secretary of the committee that decided the guideline."""
    return bool(roles_in(session, person, {case.holder_id}) & KEEPERS)


def history(session: Session, case_id: int) -> list[GuidelineChange]:
    """Return every change of a guideline's standing, oldest first (the caller checked visibility)."""
    return list(session.scalars(select(GuidelineChange).where(GuidelineChange.case_id == case_id)
                                .options(selectinload(GuidelineChange.actor))
                                .order_by(GuidelineChange.id)))
