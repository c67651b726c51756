"""Meeting e-mails reach a real SMTP server on 127.0.0.1 in Danish, on the same path as case mail.

Both parts, one thread per meeting, the unsubscribe headers, and each person's choice for meeting
mail (at once, in the daily digest, not at all).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from medflow.domain.mailprefs import MEETINGS, Choices, digest_slot
from medflow.extensions import db
from medflow.notify import mail_settings
from medflow.persistence.base import utcnow
from medflow.persistence.models import Meeting, Notification
from medflow.services.mail import mail_prefs
from medflow.services.mail.digest import send_digests
from medflow.services.meetings import agenda, communication, planning
from medflow.services.sweep import sweep
from tests import factories
from tests.helpers.mail import deliver, plain, serve_mail
from tests.meeting_helpers import (
    BEGUN,
    MEETING_ORG,
    approve_both,
    due_in_days,
    engines,
    in_days,
    morning,
    person,
)


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
    body = plain(mail)
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
            owner="amir@example.dk", due_date=due_in_days(10).isoformat()))
        approve_both(app, meeting.id)
        due = datetime.combine(due_in_days(10), time.min, UTC)
        report = sweep(db.session, engines(app), mail=mail_settings(),
                       now=morning(due_in_days(10) - timedelta(days=1)))
    assert len(report.reminders) == 1
    assert deliver(app, now=due).failed == []  # queued at the sweep's (future) time
    [mail] = smtp.inbox.to("amir@example.dk")
    assert "Påmindelse: du skal informere senest" in plain(mail)
    assert "Fortæl om de nye stole på personalemødet" in plain(mail)


def html(mail) -> str:
    return mail.get_body(preferencelist=("html",)).get_content()


def choose(who: str, mode: str) -> None:
    """Save `who`'s choice for meeting mail, keeping the rest of their choices."""
    chosen = mail_prefs.choices(db.session, person(who))
    mail_prefs.save(db.session, person(who), Choices({**chosen.modes, MEETINGS: mode}, chosen.hour),
                    email_on=True)


def publish(now: datetime | None = None) -> int:
    """Have the secretary plan a meeting in a week and publish its agenda; return the meeting's id."""
    plan = planning.MeetingPlan(date=in_days(7), start_time="09:00", end_time="11:00")
    meeting = planning.create_meeting(db.session, person("sonja"), "lok-skole", plan)
    agenda.publish_agenda(db.session, person("sonja"), meeting.id, meeting.version, mail=mail_settings(),
                          now=now)
    return meeting.id


AGENDA = "Dagsordenen for LokalMED Skole den {} kl. 09:00 er offentliggjort."


def test_a_published_agenda_reaches_a_member_as_text_and_html_that_can_be_unsubscribed(app, smtp):
    smtp.start()
    with app.test_request_context():
        meeting_id = publish()
        meeting = db.session.get(Meeting, meeting_id)
        planning.move_meeting(db.session, person("sonja"), meeting_id, meeting.version,
                              planning.MeetingPlan(date=in_days(8), start_time="09:00", end_time="11:00"),
                              mail=mail_settings())
    assert deliver(app).failed == []
    published, moved = smtp.inbox.to("sara@example.dk")
    assert published.get_content_type() == "multipart/alternative"
    for body in (plain(published), html(published)):
        assert "Kære Sara Medlem" in body and AGENDA.format(in_days(7).isoformat()) in body
    assert f"Se mødet: https://med.example.dk/meetings/{meeting_id}" in plain(published)
    assert f'<a href="https://med.example.dk/meetings/{meeting_id}">Se mødet</a>' in html(published)
    assert "møder i mine udvalg" in plain(published)  # why it came: the kind the link turns off
    assert published["List-Unsubscribe"].startswith("<https://med.example.dk/mail/unsubscribe/")
    assert published["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert published["Auto-Submitted"] == "auto-generated"
    root = f"<meeting-{meeting_id}@med.example.dk>"  # one thread per meeting
    assert published["References"] == moved["References"] == moved["In-Reply-To"] == root
    assert published["Message-ID"] != moved["Message-ID"]
    assert smtp.inbox.to("sonja@example.dk") == []  # she published it herself


def test_a_member_who_chose_the_digest_gets_the_agenda_there_and_not_at_once(app, smtp):
    smtp.start()
    published_at = utcnow()
    with app.test_request_context():
        choose("sara", "digest")
        meeting_id = publish(now=published_at)
    assert deliver(app, published_at).failed == []
    assert smtp.inbox.to("sara@example.dk") == []
    assert len(smtp.inbox.to("tove@example.dk")) == 1  # the default is at once
    seven = digest_slot(published_at, 7) + timedelta(days=1, minutes=5)
    with app.test_request_context():
        sara_id = person("sara").id
        assert send_digests(db.session, mail_settings(), now=seven) == [sara_id]
    assert deliver(app, seven).failed == []
    [digest] = smtp.inbox.to("sara@example.dk")
    assert digest["Subject"] == "[MED] Dit daglige overblik: 0 sag(er), 1 møde(r)"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for body in (plain(digest), html(digest)):
        assert f"Møde i LokalMED Skole den {in_days(7).isoformat()}" in body
        assert AGENDA.format(in_days(7).isoformat()) in body
    assert f"Se mødet: https://med.example.dk/meetings/{meeting_id}" in plain(digest)
    assert len(smtp.inbox.to("tove@example.dk")) == 1  # she had hers at once: no digest


def test_a_member_who_chose_none_gets_no_meeting_mail_but_the_notification(app, smtp):
    smtp.start()
    with app.test_request_context():
        choose("sara", "off")
        meeting_id = publish()
        kinds = db.session.scalars(select(Notification.kind).where(
            Notification.person_id == person("sara").id, Notification.meeting_id == meeting_id)).all()
    assert kinds == ["agenda_published"]
    assert deliver(app).failed == []
    assert smtp.inbox.to("sara@example.dk") == []
    assert len(smtp.inbox.to("tove@example.dk")) == 1


def test_the_unsubscribe_link_of_a_meeting_mail_turns_meeting_mail_off_for_that_person_only(app, smtp):
    smtp.start()
    with app.test_request_context():
        meeting_id = publish()
    deliver(app)
    [mail] = smtp.inbox.to("sara@example.dk")
    link = mail["List-Unsubscribe"].strip("<>")
    response = app.test_client().post(urlsplit(link).path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "møder i mine udvalg er slået fra" in response.text
    with app.test_request_context():
        sara, tove = (mail_prefs.choices(db.session, person(who)) for who in ("sara", "tove"))
        assert sara.mode(MEETINGS) == "off" and tove.mode(MEETINGS) == "now"
        assert [sara.mode(kind) for kind in ("submitted", "committees", "deadlines", "information")] == \
            ["now", "digest", "now", "digest"]  # only meeting mail
        meeting = db.session.get(Meeting, meeting_id)
        agenda.publish_agenda(db.session, person("sonja"), meeting_id, meeting.version, mail=mail_settings())
    deliver(app)
    assert len(smtp.inbox.to("sara@example.dk")) == 1  # nothing new for her
    assert len(smtp.inbox.to("tove@example.dk")) == 2  # the republished agenda still reaches the others
