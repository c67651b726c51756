"""A real SMTP server on 127.0.0.1 for the mail tests, and the outbox as rows.

The server's socket is bound to port 0 when the helper is made, so the port is the system's pick
and stays ours: until `start()` nothing listens on it and connections are refused (a mail server
that is down), `listen_silently()` accepts connections but never answers (a hung server), and
`start()` serves SMTP on that same socket.
"""

from __future__ import annotations

import email
import socket
from email.policy import default as default_policy

from aiosmtpd.controller import Controller
from sqlalchemy import select

from medflow.domain.mailprefs import KINDS, NOW, Choices
from medflow.extensions import db
from medflow.notify import smtp_settings, wait_for_delivery
from medflow.persistence.models import OutboxMessage, Person
from medflow.services.mail import mail_prefs
from medflow.services.mail.outbox import deliver_due


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.raw: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        self.raw.append(envelope.content)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for rcpt, m in self.messages if address in rcpt]


class _OnSocket(Controller):
    """An aiosmtpd controller that serves on a socket we bound ourselves."""

    def __init__(self, handler, sock: socket.socket) -> None:
        self.sock = sock
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1])

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock)


class SmtpServer:
    """An SMTP server on a local port the system picked (bound at once, served from `start()`)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
        self.port, self.inbox, self.controller = self.sock.getsockname()[1], Inbox(), None

    def start(self) -> SmtpServer:
        self.controller = _OnSocket(self.inbox, self.sock)
        self.controller.start()
        return self

    def listen_silently(self) -> None:
        """Accept connections on the port and never say hello (closing resets them)."""
        self.sock.listen()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
        self.sock.close()


def serve_mail(app, *, timeout: float, send_on_commit: bool, wait: float):
    """Point the app at a local SMTP server (not started yet); stop it afterwards."""
    server = SmtpServer()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_FROM="med@example.dk",
                      BASE_URL="https://med.example.dk", MAIL_TIMEOUT=timeout,
                      MAIL_SEND_ON_COMMIT=send_on_commit)
    yield server
    assert wait_for_delivery(wait)
    server.stop()


def outbox(app) -> list[OutboxMessage]:
    """Return every outbox row, oldest first, detached from the session."""
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        db.session.expunge_all()
        return rows


def plain(mail: email.message.EmailMessage) -> str:
    """Return the plain-text part of a parsed mail."""
    return mail.get_body(preferencelist=("plain",)).get_content()


def mail_at_once(app) -> None:
    """Have everyone mailed at once about every kind (the old behaviour these tests were written for)."""
    with app.app_context():
        for person in db.session.scalars(select(Person)).all():
            mail_prefs.save(db.session, person, Choices(dict.fromkeys(KINDS, NOW)), email_on=True)


def deliver(app, now=None):
    """Send what is due in the outbox now, as `medflow outbox send` would."""
    with app.app_context():
        return deliver_due(db.session, smtp_settings(), now=now)
