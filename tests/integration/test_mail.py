"""Notification e-mail goes through the outbox to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import OutboxMessage, Person
from medflow.services.mail.outbox import claim
from tests.helpers.mail import deliver, mail_at_once, outbox, plain, serve_mail


@pytest.fixture
def smtp(app, org):
    """A local SMTP server's address in the config (not started yet); mail is sent by hand."""
    mail_at_once(app)
    yield from serve_mail(app, timeout=2, send_on_commit=False, wait=30)



def test_mail_reaches_the_committee_in_danish_with_a_link(app, api, smtp):
    smtp.start()
    case = api("anna").submit(title="Nye stole")
    assert deliver(app).failed == []
    [mail] = smtp.inbox.to("lene@example.dk")
    assert mail["Subject"] == f"[MED #{case['id']}] Nye stole"
    assert mail["From"] == "med@example.dk"
    body = plain(mail)
    assert "Kære Lene Leder" in body
    assert "En ny sag er sendt til LokalMED Skole." in body
    assert f"Se sagen: https://med.example.dk/cases/{case['id']}" in body
    assert "Stolene i personalerummet er slidte." in body
    assert smtp.inbox.to("anna@example.dk") == []  # she acted herself
    assert {r for rcpt, _ in smtp.inbox.messages for r in rcpt} == {
        "lene@example.dk", "tove@example.dk", "sara@example.dk", "amir@example.dk"}


def test_confidential_case_never_puts_its_description_in_a_mail(app, api, smtp):
    smtp.start()
    api("anna").submit(title="Konflikt", description="Min kollega råber ad mig", confidential=True)
    deliver(app)
    assert len(smtp.inbox.messages) == 2  # chair and vice chair only
    for _, mail in smtp.inbox.messages:
        assert "råber" not in plain(mail)
        assert "fortrolig" in plain(mail)


def test_opted_out_person_gets_no_mail_but_still_the_notification(app, api, smtp):
    smtp.start()
    assert api("sara").post("/notifications/settings", {"email": False}).get_json() == {"email": False}
    api("anna").submit()
    deliver(app)
    assert smtp.inbox.to("sara@example.dk") == []
    assert api("sara").get("/notifications").get_json()["unread"] == 1


def test_without_a_mail_server_nothing_is_queued(app, api):
    api("anna").submit()
    assert outbox(app) == []


def test_a_down_mail_server_loses_nothing_and_the_mail_arrives_once_it_is_back(app, api, smtp):
    case = api("anna").submit()  # nothing listens on the port yet
    case = api("lene").fire(case, "accept")
    assert case["state"] == "accepted"
    now = utcnow()
    result = deliver(app, now)
    assert result.sent == [] and len(result.failed) == 8  # 4 for submit, 4 for accept
    anna_mail = next(m for m in outbox(app) if m.recipient == "anna@example.dk")
    assert anna_mail.sent_at is None and anna_mail.attempts == 1
    assert "Connection refused" in anna_mail.last_error or "Errno" in anna_mail.last_error
    assert anna_mail.next_attempt_at > now

    smtp.start()
    assert deliver(app, now).sent == []  # not due yet: back-off
    later = anna_mail.next_attempt_at + timedelta(seconds=1)
    assert len(deliver(app, later).sent) == 8
    assert deliver(app, later + timedelta(hours=1)).sent == []
    assert len(smtp.inbox.to("anna@example.dk")) == 1
    assert all(m.sent_at is not None and m.last_error is None for m in outbox(app))


def test_a_claimed_message_cannot_be_claimed_by_a_second_sender(app, api, smtp):
    api("anna").submit()
    now = utcnow()
    with app.app_context():
        first = db.session.scalar(select(OutboxMessage.id).order_by(OutboxMessage.id))
        assert claim(db.session, first, now) is True
        assert claim(db.session, first, now) is False
        assert claim(db.session, first, now + timedelta(minutes=6)) is True  # a crashed sender's claim expires


def test_outbox_send_command_delivers_queued_mail(app, api, smtp):
    smtp.start()
    api("anna").submit()
    result = app.test_cli_runner().invoke(cli, ["outbox", "send"])
    assert result.exit_code == 0, result.output
    assert "4 sent" in result.output
    assert len(smtp.inbox.messages) == 4


def test_person_opt_out_is_stored(app, api):
    api("sara").post("/notifications/settings", {"email": False})
    with app.app_context():
        assert db.session.scalar(select(Person.email_opt_out).where(Person.email == "sara@example.dk"))
