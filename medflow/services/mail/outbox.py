"""The e-mail outbox: messages are queued in the case's transaction and sent after it commits.

Each message is claimed with a guarded UPDATE before it is sent, so two senders running at
once never send it twice; a failure is recorded and retried later with exponential back-off.
A session that queued messages calls the `on_queued_commit` listeners once it has committed
(the web app uses that to start sending at once, in the background).
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session, SessionTransaction

from medflow.persistence.base import utcnow
from medflow.persistence.models import OutboxMessage

CLAIM_FOR = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
MAX_ATTEMPTS = 10
# RFC 5322's own line limit: a long ASCII header (a List-Unsubscribe URI) is then never folded
# into RFC 2047 encoded words, which RFC 2369/8058 do not allow and mail clients ignore.
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)
QUEUED = "medflow.outbox_queued"  # set in session.info while uncommitted messages are queued
_committed: list[Callable[[], None]] = []


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send mail."""

    host: str
    port: int = 25
    sender: str = "medflow@localhost"
    username: str | None = None
    password: str | None = None
    use_tls: bool = False
    timeout: float = 10.0
    domain: str = "localhost"  # the right-hand side of Message-IDs
    reply_to: str | None = None


@dataclass(frozen=True)
class Draft:
    """A composed e-mail: both parts, and the headers that thread it and let it be unsubscribed."""

    subject: str
    body: str
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    message_id: str | None = None
    case_id: int | None = None


@dataclass
class Delivery:
    """What one delivery run did."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def enqueue(session: Session, recipient: str, subject: str, body: str,
            now: datetime | None = None) -> OutboxMessage:
    """Queue a message in the current transaction (it is sent only if that commits)."""
    message = OutboxMessage(recipient=recipient, subject=subject, body=body,
                            created_at=now or utcnow(), next_attempt_at=now or utcnow())
    session.add(message)
    session.info[QUEUED] = True
    return message


def enqueue_draft(session: Session, person_id: int, recipient: str, draft: Draft,
                  now: datetime | None = None) -> OutboxMessage:
    """Queue a composed e-mail to a person in the current transaction."""
    message = enqueue(session, recipient, draft.subject, draft.body, now=now)
    message.person_id, message.case_id, message.message_id = person_id, draft.case_id, draft.message_id
    message.html, message.headers = draft.html, dict(draft.headers) or None
    return message


def on_queued_commit(listener: Callable[[], None]) -> Callable[[], None]:
    """Call `listener` after every commit that queued messages; registering twice has no effect."""
    if listener not in _committed:
        _committed.append(listener)
    return listener


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(QUEUED, False):
        for listener in list(_committed):
            listener()


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous: SessionTransaction) -> None:
    if not previous.nested:  # the queued messages are gone with the transaction
        session.info.pop(QUEUED, None)


def backoff(attempts: int) -> timedelta:
    """Return how long to wait after the given number of failed attempts."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def _due(now: datetime):
    return (OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))


def claim(session: Session, message_id: int, now: datetime) -> bool:
    """Take a message for sending; False if another sender has it or it is not due."""
    result = session.execute(
        update(OutboxMessage).where(OutboxMessage.id == message_id, *_due(now))
        .values(claimed_until=now + CLAIM_FOR, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def build_message(smtp: SmtpSettings, message: OutboxMessage, now: datetime) -> EmailMessage:
    """Return the e-mail as sent: dated, marked automatic (RFC 3834), plain text and, if composed, HTML."""
    mail = EmailMessage(policy=MAIL_POLICY)
    mail["From"], mail["To"], mail["Subject"] = smtp.sender, message.recipient, message.subject
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = message.message_id or \
        f"<outbox-{message.id}.{int(message.created_at.timestamp())}@{smtp.domain}>"
    mail["Auto-Submitted"] = "auto-generated"
    mail["X-Auto-Response-Suppress"] = "All"
    if smtp.reply_to:
        mail["Reply-To"] = smtp.reply_to
    for name, value in (message.headers or {}).items():
        mail[name] = value
    mail.set_content(message.body)
    if message.html:
        mail.add_alternative(message.html, subtype="html")
    return mail


def send_one(smtp: SmtpSettings, message: OutboxMessage, now: datetime | None = None) -> None:
    """Send one message through SMTP (raises OSError or SMTPException on failure)."""
    mail = build_message(smtp, message, now or utcnow())
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as client:
        if smtp.use_tls:
            client.starttls()
        if smtp.username:
            client.login(smtp.username, smtp.password or "")
        client.send_message(mail)


def permanent(error: Exception) -> bool:
    """Tell whether retrying cannot help: the server refused the address with a 5xx answer."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return False


def _record_failure(message: OutboxMessage, error: Exception, now: datetime) -> None:
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.claimed_until = None
    if message.attempts >= MAX_ATTEMPTS or permanent(error):
        message.failed_at = now
    else:
        message.next_attempt_at = now + backoff(message.attempts)


def deliver_due(session: Session, smtp: SmtpSettings, *, now: datetime | None = None,
                limit: int = 100) -> Delivery:
    """Send up to `limit` due messages, each at most once per claim; record failures for retry."""
    now = now or utcnow()
    done = Delivery()
    ids = list(session.scalars(select(OutboxMessage.id).where(*_due(now))
                               .order_by(OutboxMessage.id).limit(limit)))
    for message_id in ids:
        if not claim(session, message_id, now):
            continue
        message = session.get(OutboxMessage, message_id, populate_existing=True)
        try:
            send_one(smtp, message, now)
        except (OSError, smtplib.SMTPException) as exc:
            _record_failure(message, exc, now)
            done.failed.append(message_id)
        else:
            message.sent_at, message.claimed_until, message.last_error = now, None, None
            done.sent.append(message_id)
        session.commit()
    return done
