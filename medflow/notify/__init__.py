"""Notifications wired into the app: the case-event listener, the mail settings and sending.

Mail is only queued when MAIL_SERVER is set. Once a transaction that queued mail has committed,
a background thread (one per process at most, with its own app context and Session) sends what
is due, unless MAIL_SEND_ON_COMMIT is off; a request never waits for the mail server.
`medflow outbox send` (and every `medflow sweep`) stays the safety net that retries failures.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import Flask, current_app, has_app_context, has_request_context
from flask_babel import lazy_gettext
from sqlalchemy.orm import Session

from medflow.extensions import db
from medflow.notify.compose import compose, compose_digest, mail_domain
from medflow.notify.meeting_mail import MEETING_MESSAGES
from medflow.persistence.models import Case, CaseEvent
from medflow.services import cascades  # noqa: F401 - registers the pass-down listener
from medflow.services.hooks import on_case_event
from medflow.services.mail.outbox import SmtpSettings, deliver_due, on_queued_commit
from medflow.services.notifications import MailSettings, notify_event

BATCH = 100  # messages per delivery round; a full round is followed by another

MESSAGES = {
    "submit": lazy_gettext("A new case was submitted to %(committee)s."),
    "publish": lazy_gettext("%(committee)s has received a new item from above."),
    "accept": lazy_gettext("%(committee)s has taken the case up."),
    "schedule": lazy_gettext("The case is on the agenda of %(committee)s."),
    "resolve": lazy_gettext("The case has been answered by %(committee)s."),
    "forward": lazy_gettext("The case was forwarded to %(committee)s."),
    "escalate": lazy_gettext("The deadline passed, so the case was sent on to %(committee)s."),
    "refer": lazy_gettext("The case was referred to %(committee)s."),
    "reject": lazy_gettext("The case was rejected by %(committee)s."),
    "withdraw": lazy_gettext("The case was withdrawn by the person who submitted it."),
    "reopen": lazy_gettext("The case was reopened and is back at %(committee)s."),
    "discuss": lazy_gettext("%(committee)s has discussed the item."),
    "report_back": lazy_gettext("%(committee)s has reported back."),
    "pass_down": lazy_gettext("%(committee)s has passed the item further down."),
    "assess": lazy_gettext("%(committee)s has assessed the risk."),
    "plan": lazy_gettext("%(committee)s has added an item to the action plan."),
    "follow_up": lazy_gettext("%(committee)s has followed up on the action plan."),
    "reminder_before": lazy_gettext("Reminder: the deadline for the case is %(due)s."),
    "reminder_due": lazy_gettext("The deadline for the case has passed (%(due)s)."),
    "item_before": lazy_gettext("Reminder: an action-plan item is due on %(due)s."),
    "item_due": lazy_gettext("An action-plan item was due on %(due)s."),
    "cascade_before": lazy_gettext("Reminder: %(committee)s is asked to report back by %(due)s."),
    "cascade_due": lazy_gettext("%(committee)s was asked to report back by %(due)s and has not done so yet."),
    "cascade_complete": lazy_gettext("All %(count)s committees have reported back on \"%(title)s\"."),
    **MEETING_MESSAGES,
}
OTHER = lazy_gettext("There is news on the case.")  # never the event's internal key


class _Blank(dict):
    """The facts a message names; one it does not have reads as empty rather than failing the page."""

    def __missing__(self, key: str) -> str:
        return ""


def message(kind: str, data: dict[str, Any]) -> str:
    """Return the text of a notification in the current language."""
    params = _Blank(data)
    return str(MESSAGES.get(kind, OTHER)) % params


def mail_settings() -> MailSettings | None:
    """Return how to write e-mails, or None when no mail server is configured."""
    if not has_app_context() or not current_app.config.get("MAIL_SERVER"):
        return None
    return MailSettings(compose=compose, digest=compose_digest)


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


def _on_case_event(session, case: Case, event: CaseEvent) -> None:
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


def _on_queued_commit() -> None:
    """After a request's commit queued mail, wake the sender (the CLI sends its own at its end)."""
    if has_request_context() and current_app.config.get("MAIL_SERVER") \
            and current_app.config.get("MAIL_SEND_ON_COMMIT", True):
        request_delivery(current_app._get_current_object())


def init_app(app: Flask) -> None:
    """Register the notification listener and the sender after commit (once per process)."""
    on_case_event(_on_case_event)
    on_queued_commit(_on_queued_commit)
