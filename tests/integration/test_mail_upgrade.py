"""Mail queued before the upgrade is delivered once after it: migrate, then send, from a real database."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_migrate import upgrade
from sqlalchemy import text

from medflow import create_app
from medflow.extensions import db
from medflow.notify import smtp_settings
from medflow.services.mail.outbox import deliver_due
from tests.helpers.mail import SmtpServer

BEFORE = "108b7654b5c4"  # the last revision without this change
QUEUED = datetime(2027, 1, 4, 8, 0)


def test_a_message_queued_before_the_migration_is_sent_once_after_it(empty_database_url):  # noqa: F811
    server = SmtpServer().start()
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": server.port, "BASE_URL": "https://med.example.dk"})
    try:
        with app.app_context():
            upgrade(revision=BEFORE)
            db.session.execute(text(
                "INSERT INTO outbox (recipient, subject, body, created_at, attempts, next_attempt_at) "
                "VALUES ('anna@example.dk', '[MED] Sag 3: Nye stole', 'Kære Anna', :at, 0, :at)"),
                {"at": QUEUED})
            db.session.commit()
            upgrade()
            now = QUEUED.replace(tzinfo=UTC)
            assert len(deliver_due(db.session, smtp_settings(), now=now).sent) == 1
            assert deliver_due(db.session, smtp_settings(), now=now).sent == []
            db.session.remove()
            db.engine.dispose()
    finally:
        server.stop()
    [(rcpt, mail)] = server.inbox.messages
    assert rcpt == ["anna@example.dk"] and mail["Subject"] == "[MED] Sag 3: Nye stole"
    assert mail.get_content().strip() == "Kære Anna"
