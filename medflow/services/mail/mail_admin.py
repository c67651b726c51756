"""Looking after the outbox: failed mail for the admin page, retries, failing addresses, pruning."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from medflow.domain.errors import NotPossible, Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import OutboxMessage, Person

FLAG_AFTER = 2  # failed messages (after all retries) since the last delivery that flag an address


def failed(session: Session, limit: int = 200) -> list[OutboxMessage]:
    """Return the messages that failed after all retries, newest first."""
    return list(session.scalars(
        select(OutboxMessage).where(OutboxMessage.failed_at.is_not(None), OutboxMessage.sent_at.is_(None),
                                   OutboxMessage.pruned_at.is_(None))
        .order_by(OutboxMessage.failed_at.desc(), OutboxMessage.id.desc()).limit(limit)))


def failing_addresses(session: Session) -> dict[str, int]:
    """Return address → failed messages since its last delivery, for addresses that keep failing."""
    later = select(OutboxMessage.recipient.label("recipient"),
                   func.max(OutboxMessage.sent_at).label("last")).group_by(OutboxMessage.recipient).subquery()
    rows = session.execute(
        select(OutboxMessage.recipient, func.count())
        .outerjoin(later, later.c.recipient == OutboxMessage.recipient)
        .where(OutboxMessage.failed_at.is_not(None), OutboxMessage.sent_at.is_(None),
               or_(later.c.last.is_(None), OutboxMessage.failed_at > later.c.last))
        .group_by(OutboxMessage.recipient).having(func.count() >= FLAG_AFTER)).all()
    return {recipient: count for recipient, count in rows}


def is_failing(session: Session, person: Person) -> bool:
    """Tell whether mail to this person's address keeps failing."""
    return person.email in failing_addresses(session)


def retry(session: Session, message_id: int, now: datetime | None = None) -> OutboxMessage:
    """Queue a failed message again, with a fresh set of attempts."""
    message = session.get(OutboxMessage, message_id)
    if message is None:
        raise Unknown(_("There is no message %(id)s."), id=message_id)
    if message.failed_at is None or message.sent_at is not None or message.pruned_at is not None:
        raise NotPossible(_("Message %(id)s has not failed, so it cannot be retried."), id=message_id)
    message.failed_at, message.attempts, message.next_attempt_at = None, 0, now or utcnow()
    session.commit()
    return message


def bare_subject(message: OutboxMessage) -> str:
    """Return the subject without the case's text: the case reference alone."""
    if message.case_id is not None:
        return f"[MED #{message.case_id}]"
    old = re.match(r"^(\[MED\][^:]*)", message.subject)  # rows queued before case ids were kept
    return old.group(1).strip() if old else "[MED]"


def prune(session: Session, keep_days: int, now: datetime | None = None) -> int:
    """Drop the text of mail sent (or given up) more than `keep_days` ago; keep the header facts."""
    cutoff = (now or utcnow()) - timedelta(days=keep_days)
    done = or_(OutboxMessage.sent_at < cutoff, OutboxMessage.failed_at < cutoff)
    rows = session.scalars(select(OutboxMessage).where(done, OutboxMessage.pruned_at.is_(None))).all()
    for message in rows:
        message.subject, message.body, message.html, message.headers = bare_subject(message), "", None, None
        message.pruned_at = now or utcnow()
    session.commit()
    return len(rows)
