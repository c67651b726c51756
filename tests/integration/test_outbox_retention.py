"""The outbox forgets: after OUTBOX_KEEP_DAYS only a sent mail's header facts are kept (`medflow sweep`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from medflow.cli import cli
from medflow.domain.errors import NotPossible
from medflow.extensions import db
from medflow.persistence.models import OutboxMessage
from medflow.services.mail import mail_admin
from tests.helpers.mail import deliver, mail_at_once, outbox, serve_mail

SENT = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def smtp(app, org):
    """A local SMTP server; everyone is mailed at once."""
    mail_at_once(app)
    yield from serve_mail(app, timeout=2, send_on_commit=False, wait=30)


def sweep_at(app, when: datetime) -> str:
    result = app.test_cli_runner().invoke(cli, ["sweep", "--now", when.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def test_sweep_keeps_only_the_header_facts_of_mail_older_than_the_kept_days(app, api, smtp):
    smtp.start()
    case = api("anna").submit(title="Konflikt om vagtplanen", description="Detaljer om Bo")
    with app.app_context():  # one row from before the upgrade, too
        db.session.execute(insert(OutboxMessage.__table__).values(
            recipient="anna@example.dk", subject="[MED] Sag 7: Gammel sag", body="Gammel tekst",
            created_at=SENT, attempts=0, next_attempt_at=SENT))
        db.session.commit()
    assert len(deliver(app, SENT).sent) == 5
    before = {m.id: m for m in outbox(app)}

    assert "the text of 0 old mail(s) removed" in sweep_at(app, SENT + timedelta(days=29))
    assert all(m.body for m in outbox(app))
    assert "the text of 5 old mail(s) removed" in sweep_at(app, SENT + timedelta(days=30, minutes=1))
    pruned = [m for m in outbox(app) if m.id in before]  # the sweep's escalation mailed anew
    for row in pruned:
        old = before[row.id]
        assert (row.recipient, row.sent_at, row.message_id) == (old.recipient, SENT, old.message_id)
        assert row.body == "" and row.html is None and row.headers is None
        assert "Konflikt" not in row.subject and "Gammel" not in row.subject
    assert {m.subject for m in pruned} == {f"[MED #{case['id']}]", "[MED] Sag 7"}
    assert "the text of 0 old mail(s) removed" in sweep_at(app, SENT + timedelta(days=40))


def test_kept_days_are_configurable_and_a_pruned_failure_cannot_be_retried(app, api, smtp):
    app.config["OUTBOX_KEEP_DAYS"] = 2
    api("anna").submit()  # the server is not started: every message fails
    with app.app_context():
        db.session.query(OutboxMessage).update({"failed_at": SENT, "last_error": "gave up"})
        db.session.commit()
    assert "the text of 4 old mail(s) removed" in sweep_at(app, SENT + timedelta(days=3))
    with app.app_context():
        assert mail_admin.failed(db.session) == []
        with pytest.raises(NotPossible):
            mail_admin.retry(db.session, outbox(app)[0].id)
