"""Marking a guideline replaced (by another guideline), withdrawn, or in force again.

Only the chair or secretary of the committee that decided it may; every change is a new row with
who and when (`GuidelineChange`), so the register can tell its story.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain import values
from medflow.domain.errors import Invalid, NotAllowed, NotPossible, Unknown, _
from medflow.persistence.models import Case, GuidelineChange, Person
from medflow.services.guidelines.register import REPLACED, STATUSES, is_guideline, may_keep, readable

NOTE_MAX = 2000


def _guideline(session: Session, person: Person, case_id: object, field: str = "case") -> Case:
    """Return a guideline `person` may read in the register, or raise Unknown (never saying a hidden one is).

    Only its keepers may change one (`may_keep`), and they read it in full; a replacement may be any
    guideline they read in the register, such as one decided above them.
    """
    ident = values.ident(field, case_id)
    case = session.scalar(select(Case).where(Case.id == ident, is_guideline(), readable(person)))
    if case is None:
        raise Unknown(_("There is no guideline %(id)s in the register."), id=ident)
    return case


def _replacement(session: Session, person: Person, case: Case, status: str, replaced_by: object) -> int | None:
    """Return the id of the guideline that replaces `case` (required for replaced, refused otherwise)."""
    if status != REPLACED:
        if replaced_by not in (None, ""):
            raise Invalid(_("replaced_by is only for a guideline that is replaced."))
        return None
    if replaced_by in (None, ""):
        raise Invalid(_("replaced_by is required: name the guideline that replaces it."))
    newer = _guideline(session, person, replaced_by, "replaced_by")
    if newer.id == case.id:
        raise Invalid(_("replaced_by: a guideline cannot replace itself."))
    return newer.id


def change_standing(session: Session, person: Person, case_id: object, status: object, effective_on: object,
                    note: object = "", replaced_by: object = None,
                    today: date | None = None) -> GuidelineChange:
    """Record a guideline's new standing, with its date and note, as the chair or secretary that keeps it."""
    case = _guideline(session, person, case_id)
    if not may_keep(session, person, case):
        raise NotAllowed(_("Only the chair or secretary of %(name)s can change its guidelines."),
                         name=case.holder.name)
    if status not in STATUSES:
        raise Invalid(_("%(field)s must be one of: %(choices)s."), field="status", choices=", ".join(STATUSES))
    last = session.scalar(select(GuidelineChange.status).where(GuidelineChange.case_id == case.id)
                          .order_by(GuidelineChange.id.desc()).limit(1))
    if (last or "in_force") == status and status != REPLACED:
        raise NotPossible(_("The guideline already has this standing."))
    row = GuidelineChange(case_id=case.id, status=str(status),
                          replaced_by_id=_replacement(session, person, case, str(status), replaced_by),
                          effective_on=values.day("effective_on", effective_on, today or date.today()),
                          note=values.text("note", note, limit=NOTE_MAX), actor_id=person.id)
    session.add(row)
    session.commit()
    return row
