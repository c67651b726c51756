"""Sharing a case's answer with every employee, and taking it back.

Sharing is not a change of the case's state, but it is a fact about the case: like an
anonymisation or a transfer, it is an append-only history row with the same state on both sides
(`share_answer`, `unshare_answer`), written in the same transaction as the shared answer and
guarded by the case's version. No listener runs: nobody is notified of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from medflow.domain import values
from medflow.domain.errors import Invalid, NotAllowed, NotPossible, StaleVersion, Unknown, _
from medflow.domain.limits import TEXT_MAX
from medflow.domain.suggestions import document_terms
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, Person, SharedAnswer
from medflow.services.access import roles_in
from medflow.services.case_record import STALE, append_history

OFFICERS = frozenset({"chair", "vice_chair", "secretary"})  # may take a shared answer back
SHARERS = OFFICERS | {"amr"}  # whoever may close a case with an answer may share it (see the workflows)
TITLE_MAX = TEXT_MAX["title"]
TEXT_LIMIT = TEXT_MAX["answer"]
CONFIDENTIAL = _("A confidential case cannot be shared with all employees.")
SHARE_FIELDS = ("share", "share_title", "share_text")


@dataclass(frozen=True)
class Share:
    """What a committee writes for everyone when it shares an answer."""

    title: str
    text: str


def parse_share(form: dict[str, Any]) -> Share | None:
    """Return the share a form asks for (None when the box is not ticked); refuse a missing text."""
    if str(form.get("share") or "").strip().lower() not in ("1", "on", "true", "yes"):
        return None
    try:
        title = values.text("share_title", form.get("share_title"), limit=TITLE_MAX)
        text = values.text("share_text", form.get("share_text"), limit=TEXT_LIMIT)
    except Invalid:  # the field's key would mean nothing to the reader: say it in words
        raise Invalid(_("The title and text for all employees must be plain text of at most %(title)s and "
                        "%(text)s characters."), title=TITLE_MAX, text=TEXT_LIMIT) from None
    if not title or not text:
        raise Invalid(_("To share the answer, write a title and a text for all employees."))
    return Share(title, text)


def check_shareable(session: Session, person: Person, case: Case) -> None:
    """Refuse a confidential case, or a person who is not in the holding committee's lead.

    Checked before the case is resolved too, so a refused share leaves the case as it was.
    """
    if case.confidential:
        raise NotPossible(CONFIDENTIAL)
    if not roles_in(session, person, {case.holder_id}) & SHARERS:
        raise NotAllowed(_("Only the committee that answers the case may share its answer."))


def _officer_of(session: Session, person: Person, committee_id: int) -> None:
    if not roles_in(session, person, {committee_id}) & OFFICERS:
        raise NotAllowed(_("Only the chair, vice chair or secretary of the committee may do this."))


def live_share(session: Session, case_id: int) -> SharedAnswer | None:
    """Return the case's answer as shared now, if it is."""
    return session.scalar(select(SharedAnswer).where(SharedAnswer.case_id == case_id,
                                                     SharedAnswer.unshared_at.is_(None)))


def _note(session: Session, case: Case, person: Person, event: str, answer_id: int, now: datetime) -> None:
    """Append the history row saying so, and touch the case so its version guards the change."""
    case.updated_at = now
    session.flush()  # the version-guarded UPDATE: someone else's change in between is refused
    append_history(session, case, dict(
        actor_id=person.id, event=event, from_state=case.state, to_state=case.state,
        from_committee_id=case.holder_id, to_committee_id=case.holder_id, comment=None,
        data={"shared_answer": answer_id}, created_at=now))


def share_answer(session: Session, person: Person, case_id: int, share: Share,
                 now: datetime | None = None) -> SharedAnswer:
    """Share a resolved case's answer with all employees, as the committee that holds it; commit."""
    now = now or utcnow()
    case = session.get(Case, case_id)
    if case is None:
        raise Unknown(_("Case %(id)s was not found."), id=case_id)
    check_shareable(session, person, case)
    if case.closed_at is None or not (case.data or {}).get("answer"):
        raise NotPossible(_("Only an answered case can be shared."))
    if live_share(session, case.id) is not None:
        raise NotPossible(_("This answer is already shared."))
    answer = SharedAnswer(case_id=case.id, committee_id=case.holder_id, topic=case.topic,
                          level=case.holder.level.key, title=share.title, text=share.text,
                          terms=document_terms(share.title, share.text), shared_at=now, shared_by_id=person.id)
    session.add(answer)
    try:
        session.flush()
        _note(session, case, person, "share_answer", answer.id, now)
        session.commit()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise StaleVersion(STALE) from None
    return answer


def may_unshare(session: Session, person: Person, answer: SharedAnswer) -> bool:
    """Return whether the person is chair, vice chair or secretary of the committee that shared it."""
    return answer.unshared_at is None and bool(roles_in(session, person, {answer.committee_id}) & OFFICERS)


def unshare_answer(session: Session, person: Person, answer_id: int,
                   now: datetime | None = None) -> SharedAnswer:
    """Take a shared answer back: it leaves the archive and the feed; the history says who did it."""
    now = now or utcnow()
    answer = session.get(SharedAnswer, answer_id)
    if answer is None or answer.unshared_at is not None:
        raise Unknown(_("The shared answer %(id)s was not found."), id=answer_id)
    _officer_of(session, person, answer.committee_id)
    answer.unshared_at, answer.unshared_by_id = now, person.id
    try:
        _note(session, answer.case, person, "unshare_answer", answer.id, now)
        session.commit()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise StaleVersion(STALE) from None
    return answer
