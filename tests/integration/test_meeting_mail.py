"""Meeting e-mails (a moved meeting, a communication task) reach a real SMTP server on 127.0.0.1 in Danish."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from medflow.extensions import db
from medflow.notify import mail_settings
from medflow.services.meetings import communication, planning
from medflow.services.sweep import sweep
from tests import factories
from tests.helpers.mail import deliver, serve_mail
from tests.meeting_helpers import BEGUN, MEETING_ORG, approve_both, engines, in_days, person


@pytest.fixture
def smtp(app):
    """A local SMTP server's address in the config (started by the test); mail is sent by hand."""
    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
    yield from serve_mail(app, timeout=2, send_on_commit=False, wait=30)


def test_moving_a_meeting_mails_the_members_with_a_link(app, smtp):
    smtp.start()
    with app.test_request_context():
        meeting = planning.create_meeting(db.session, person("sonja"), "lok-skole",
                                          planning.MeetingPlan(date=in_days(7)))
        planning.move_meeting(db.session, person("sonja"), meeting.id, meeting.version,
                              planning.MeetingPlan(date=in_days(9), start_time="13:00", end_time="15:00"),
                              mail=mail_settings())
        meeting_id = meeting.id
    assert deliver(app).failed == []
    [mail] = smtp.inbox.to("sara@example.dk")
    assert mail["Subject"] == f"[MED] Møde i LokalMED Skole den {in_days(9).isoformat()}"
    body = mail.get_content()
    assert "Kære Sara Medlem" in body and "er flyttet til" in body and "kl. 13:00" in body
    assert f"Se mødet: https://med.example.dk/meetings/{meeting_id}" in body
    assert smtp.inbox.to("sonja@example.dk") == []  # she moved it herself


def test_the_sweep_mails_a_communication_tasks_owner(app, smtp):
    smtp.start()
    with app.test_request_context():
        meeting = planning.create_meeting(db.session, person("sonja"), "lok-skole",
                                          planning.MeetingPlan(date=in_days(0), **BEGUN))
        communication.add_line(db.session, person("sonja"), meeting.id, meeting.version, communication.NewLine(
            what="Fortæl om de nye stole på personalemødet", audience="employees", channel="staff_meeting",
            owner="amir@example.dk", due_date=in_days(10).isoformat()))
        approve_both(app, meeting.id)
        due = datetime.combine(in_days(10), time.min, UTC)
        report = sweep(db.session, engines(app), mail=mail_settings(), now=due - timedelta(days=1))
    assert len(report.reminders) == 1
    assert deliver(app, now=due).failed == []  # queued at the sweep's (future) time
    [mail] = smtp.inbox.to("amir@example.dk")
    assert "Påmindelse: du skal informere senest" in mail.get_content()
    assert "Fortæl om de nye stole på personalemødet" in mail.get_content()
