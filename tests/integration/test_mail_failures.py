"""Failures are visible: a refused address fails at once, shows for admins, can be retried, is flagged."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from medflow.extensions import db
from medflow.persistence.models import OutboxMessage
from tests.factories import log_in_client
from tests.helpers.mail import Inbox, deliver, mail_at_once, outbox, serve_mail

NOW = datetime(2027, 2, 1, 8, 0, tzinfo=UTC)


class RefusingInbox(Inbox):
    """An inbox whose server answers 550 for the addresses in `refused`, as for a mailbox that is gone."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def smtp(app, org):
    """A local SMTP server that refuses sara@example.dk; everyone is mailed at once."""
    mail_at_once(app)
    for server in serve_mail(app, timeout=2, send_on_commit=False, wait=30):
        server.inbox = RefusingInbox()
        server.inbox.refused.add("sara@example.dk")
        yield server.start()


def csrf(html: str) -> str:
    """Return the CSRF token a page carries (in its forms or the log-out button)."""
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


def client_as(app, who: str):
    client = app.test_client()
    log_in_client(app, client, who)
    return client


def test_refused_mail_fails_at_once_shows_on_the_admin_page_and_a_retry_delivers_it(app, api, smtp):
    api("anna").submit(title="Nye stole")
    api("anna").submit(title="Støj")
    result = deliver(app, NOW)
    assert len(result.failed) == 2 and len(result.sent) == 6
    failed = [m for m in outbox(app) if m.recipient == "sara@example.dk"]
    assert all(m.failed_at == NOW and m.attempts == 1 and "550" in m.last_error for m in failed)

    admin = client_as(app, "admin")
    page = admin.get("/admin/mail")
    assert page.status_code == 200
    assert page.text.count('">sara@example.dk</td>') == 2 and "<strong>sara@example.dk</strong>" in page.text
    assert "2 beskeder fejlede siden sidste levering" in page.text and "User unknown" in page.text
    assert "Mails til din adresse sara@example.dk slår fejl" in client_as(app, "sara").get(
        "/notifications/mail").text

    smtp.inbox.refused.clear()  # the mailbox is back
    retried = admin.post(f"/admin/mail/{failed[0].id}/retry", data={"csrf_token": csrf(page.text)})
    assert retried.status_code == 302 and retried.headers["Location"] == "/admin/mail"
    assert deliver(app, NOW + timedelta(minutes=1)).sent == [failed[0].id]
    assert len(smtp.inbox.to("sara@example.dk")) == 1
    page = admin.get("/admin/mail")
    assert "Ingen adresse bliver ved med at fejle." in page.text  # delivered since the other failure
    assert "slår fejl" not in client_as(app, "sara").get("/notifications/mail").text


def test_only_admins_see_the_mail_page_and_retry_refuses_what_did_not_fail(app, api, smtp):
    assert client_as(app, "lene").get("/admin/mail").status_code == 403
    assert app.test_client().get("/admin/mail").status_code == 302  # to the log-in page
    with app.app_context():
        db.session.execute(insert(OutboxMessage.__table__).values(
            recipient="anna@example.dk", subject="x", body="x", created_at=NOW, attempts=0,
            next_attempt_at=NOW))
        db.session.commit()
    admin = client_as(app, "admin")
    token = csrf(admin.get("/admin/mail").text)
    assert admin.post("/admin/mail/1/retry", data={"csrf_token": token}).status_code == 409
    assert admin.post("/admin/mail/999/retry", data={"csrf_token": token}).status_code == 404
    lene = client_as(app, "lene")
    lene_token = csrf(lene.get("/notifications").text)
    assert lene.post("/admin/mail/1/retry", data={"csrf_token": lene_token}).status_code == 403
