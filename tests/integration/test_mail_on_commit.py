"""Mail goes out right after the case change commits, from a background thread, never in the request."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from medflow.cli import cli
from medflow.domain.calendar import add_working_time
from medflow.extensions import db
from medflow.notify import wait_for_delivery
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, OutboxMessage
from tests.helpers.mail import Inbox, SmtpServer, mail_at_once, outbox, plain, serve_mail


@pytest.fixture
def smtp(app, org):
    """A local SMTP server's address in the config (not started yet), with sending on commit on."""
    mail_at_once(app)
    yield from serve_mail(app, timeout=30, send_on_commit=True, wait=60)


def recipients(server: SmtpServer) -> list[str]:
    return sorted(r for rcpt, _ in server.inbox.messages for r in rcpt)


def test_mail_of_an_accepted_case_arrives_without_any_command(app, api, smtp):
    smtp.start()
    case = api("anna").submit(title="Nye stole")
    case = api("lene").fire(case, "accept")
    assert wait_for_delivery(30)
    [mail] = smtp.inbox.to("anna@example.dk")
    assert "LokalMED Skole har taget sagen under behandling." in plain(mail)
    assert recipients(smtp) == sorted(["lene@example.dk", "tove@example.dk", "sara@example.dk",
                                       "amir@example.dk", "anna@example.dk", "tove@example.dk",
                                       "sara@example.dk", "amir@example.dk"])
    assert all(m.sent_at is not None for m in outbox(app))


def test_a_mail_server_that_never_answers_does_not_hold_up_the_request(app, api, smtp):
    smtp.listen_silently()  # accepts connections, never says hello
    try:
        case = api("anna").submit()
        assert case["state"] == "submitted"
        assert wait_for_delivery(0) is False  # the response came while the sender still waits
    finally:
        smtp.sock.close()  # the waiting sender's connection is reset
    assert wait_for_delivery(30)
    rows = outbox(app)
    assert len(rows) == 4 and all(m.sent_at is None and m.last_error and m.attempts == 1 for m in rows)


def test_a_down_mail_server_keeps_the_error_and_cron_delivers_each_mail_once_it_is_back(app, api, smtp):
    case = api("anna").submit()  # nothing listens on the port
    case = api("lene").fire(case, "accept")
    assert case["state"] == "accepted"
    assert wait_for_delivery(30)
    rows = outbox(app)
    assert len(rows) == 8
    assert all(m.sent_at is None and m.attempts == 1 and m.last_error for m in rows)

    smtp.start()
    later = (max(m.next_attempt_at for m in rows) + timedelta(seconds=1)).isoformat()
    runner = app.test_cli_runner()
    assert "8 sent" in runner.invoke(cli, ["outbox", "send", "--now", later]).output
    assert "0 sent" in runner.invoke(cli, ["outbox", "send", "--now", later]).output
    assert len(smtp.inbox.messages) == 8
    assert len(smtp.inbox.to("anna@example.dk")) == 1
    assert all(m.sent_at is not None and m.last_error is None for m in outbox(app))


class GatedInbox(Inbox):
    """Holds the first message in DATA until released, so a second sender runs meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.holding, self.release = threading.Event(), threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if not self.holding.is_set():
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 30)
        return await super().handle_DATA(server, session, envelope)


def test_the_background_sender_and_cron_racing_send_each_mail_exactly_once(app, api, smtp):
    smtp.inbox = GatedInbox()
    smtp.start()
    api("anna").submit()
    assert smtp.inbox.holding.wait(30)  # the background sender is in the middle of the first mail
    result = app.test_cli_runner().invoke(cli, ["outbox", "send"])
    assert "3 sent, 0 failed" in result.output  # it skipped the one being sent
    smtp.inbox.release.set()
    assert wait_for_delivery(30)
    assert recipients(smtp) == ["amir@example.dk", "lene@example.dk", "sara@example.dk", "tove@example.dk"]
    assert all(m.sent_at is not None for m in outbox(app))


def test_without_sending_on_commit_mail_waits_for_cron(app, api, smtp):
    app.config["MAIL_SEND_ON_COMMIT"] = False
    smtp.start()
    api("anna").submit()
    assert wait_for_delivery(0) is True and smtp.inbox.messages == []
    with app.app_context():
        due = db.session.scalars(select(OutboxMessage).where(OutboxMessage.next_attempt_at <= utcnow()))
        assert len(due.all()) == 4


def test_sweep_command_sends_its_reminders_itself_and_starts_no_background_sender(app, api, smtp):
    smtp.start()
    case = api("anna").submit()
    assert wait_for_delivery(30)
    with app.app_context():
        due = db.session.get(Case, case["id"]).state_due_at
    day_before = add_working_time(due, -1)  # in working hours, when the sweep reminds
    result = app.test_cli_runner().invoke(cli, ["sweep", "--now", day_before.isoformat()])
    assert "1 reminder(s)" in result.output and "Mail: 4 sent" in result.output
    assert wait_for_delivery(0) is True
    assert len(smtp.inbox.to("lene@example.dk")) == 2  # the new case, then the reminder
