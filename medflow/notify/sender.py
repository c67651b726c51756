"""Sending notifications: the case-event listener, the mail settings and the background sender.

Mail is only queued when MAIL_SERVER is set. Once a transaction that queued mail has committed,
a background thread (one per process at most, with its own app context and Session) sends what
is due, unless MAIL_SEND_ON_COMMIT is off; a request never waits for the mail server.
`medflow outbox send` (and every `medflow sweep`) stays the safety net that retries failures.
"""

from __future__ import annotations

import threading
import time

from flask import Flask, current_app, has_app_context, has_request_context
from sqlalchemy.orm import Session

from medflow.extensions import db
from medflow.notify.compose import compose, compose_digest, mail_domain
from medflow.notify.cycle_mail import compose_notice
from medflow.notify.meeting_mail import compose_meeting_mail
from medflow.persistence.models import Case, CaseEvent
from medflow.services.mail.outbox import SmtpSettings, deliver_due
from medflow.services.notifications import MailSettings, notify_event

BATCH = 100  # messages per delivery round; a full round is followed by another


def mail_settings() -> MailSettings | None:
    """Return how to write e-mails, or None when no mail server is configured."""
    if not has_app_context() or not current_app.config.get("MAIL_SERVER"):
        return None
    return MailSettings(compose=compose, digest=compose_digest, meeting=compose_meeting_mail,
                        notice=compose_notice)


def smtp_settings() -> SmtpSettings | None:
    """Return the SMTP settings from the configuration, or None when mail is off."""
    cfg = current_app.config
    if not cfg.get("MAIL_SERVER"):
        return None
    return SmtpSettings(
        host=cfg["MAIL_SERVER"], port=int(cfg["MAIL_PORT"]), sender=cfg["MAIL_FROM"],
        username=cfg.get("MAIL_USERNAME"), password=cfg.get("MAIL_PASSWORD"),
        use_tls=bool(cfg.get("MAIL_USE_TLS")), timeout=float(cfg.get("MAIL_TIMEOUT", 10)),
        domain=mail_domain(), reply_to=cfg.get("MAIL_REPLY_TO") or None,
    )


def notify_case_event(session, case: Case, event: CaseEvent) -> None:
    """Notify the people a case event concerns (and queue their mail), in the event's transaction."""
    notify_event(session, case, event, mail_settings())


class _Sender:
    """The process's one background sender: apps waiting for a delivery round, and its thread."""

    lock = threading.Lock()
    waiting: list[Flask] = []
    thread: threading.Thread | None = None


def _deliver_now(app: Flask) -> None:
    """Send the app's due mail with a Session of its own; a failure is left to the outbox retries."""
    with app.app_context():
        smtp = smtp_settings()
        if smtp is None:
            return
        try:
            with Session(db.engine) as session:
                while len(deliver_due(session, smtp, limit=BATCH).sent) == BATCH:
                    pass
        except Exception:  # noqa: BLE001 - a sender thread must never die loudly; cron retries
            app.logger.exception("Sending queued mail failed; `medflow outbox send` will retry it.")


def _run() -> None:
    while True:
        with _Sender.lock:
            if not _Sender.waiting:
                _Sender.thread = None
                return
            app = _Sender.waiting.pop(0)
        _deliver_now(app)


def request_delivery(app: Flask) -> None:
    """Have the background sender send the app's due mail (starts it unless it is running)."""
    with _Sender.lock:
        if app not in _Sender.waiting:
            _Sender.waiting.append(app)
        if _Sender.thread is None:
            _Sender.thread = threading.Thread(target=_run, name="medflow-mail", daemon=True)
            _Sender.thread.start()


def wait_for_delivery(timeout: float | None = None) -> bool:
    """Wait until the background sender has finished; False if it still runs after `timeout` seconds."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        with _Sender.lock:
            thread = _Sender.thread
        if thread is None:
            return True
        thread.join(None if deadline is None else max(deadline - time.monotonic(), 0))
        if thread.is_alive():
            return False


def deliver_after_commit() -> None:
    """After a request's commit queued mail, wake the sender (the CLI sends its own at its end)."""
    if has_request_context() and current_app.config.get("MAIL_SERVER") \
            and current_app.config.get("MAIL_SEND_ON_COMMIT", True):
        request_delivery(current_app._get_current_object())

