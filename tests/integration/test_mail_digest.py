"""The daily digest, built with a fixed clock: one mail per person with every case, none on an empty day."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow import notify as notify_app
from medflow.cli import cli
from medflow.domain.mailprefs import digest_slot
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, OutboxMessage, Person
from medflow.services.mail.digest import send_digests
from medflow.services.notifications import notify
from tests.helpers.mail import plain, serve_mail


@pytest.fixture
def smtp(app, org):
    """A local SMTP server; everyone keeps the default choices (committee news in the digest)."""
    yield from serve_mail(app, timeout=2, send_on_commit=False, wait=30)


def run(app, *args: str) -> str:
    result = app.test_cli_runner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_one_digest_per_person_lists_every_case_and_an_empty_day_sends_none(app, api, smtp):
    smtp.start()
    first = api("anna").submit(title="Nye stole")
    api("anna").submit(title="Støj i kantinen")
    secret = api("anna").submit(title="Konflikt med Bo", confidential=True)
    api("lene").fire(first, "accept")
    run(app, "outbox", "send")
    assert smtp.inbox.to("tove@example.dk") == []  # committee news waits for the digest
    assert len(smtp.inbox.to("anna@example.dk")) == 1  # her own case: at once (the accept)

    seven = digest_slot(utcnow(), 7) + timedelta(days=1)  # the next 07:00 in Copenhagen
    assert "Digest: 0 daily digest(s)" in run(app, "sweep", "--now", (seven - timedelta(minutes=1)).isoformat())
    output = run(app, "sweep", "--now", (seven + timedelta(minutes=5)).isoformat())
    assert "Digest: 4 daily digest(s) queued." in output and "Mail: 4 sent" in output
    [digest] = smtp.inbox.to("tove@example.dk")
    assert digest["Subject"] == "[MED] Dit daglige overblik: 3 sag(er)"
    assert digest["Auto-Submitted"] == "auto-generated"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = plain(digest), digest.get_body(("html",)).get_content()
    for body in (text, html):
        assert f"Sag {first['id']}: Nye stole" in body and "Støj i kantinen" in body
        assert f"Sag {secret['id']}: en fortrolig sag" in body and "Konflikt" not in body
        assert "LokalMED Skole har taget sagen under behandling." in body
        assert body.count("En ny sag er sendt til LokalMED Skole.") == 3
    assert f"Se sagen: https://med.example.dk/cases/{first['id']}" in text
    [sara_digest] = smtp.inbox.to("sara@example.dk")  # a member is not told of the confidential case
    assert "Sag 2: Støj i kantinen" in plain(sara_digest) and f"Sag {secret['id']}" not in plain(sara_digest)
    assert smtp.inbox.to("anna@example.dk")[1:] == []  # nothing of hers goes to a digest

    later = (seven + timedelta(hours=3)).isoformat()
    assert "Digest: 0 daily digest(s)" in run(app, "outbox", "digest", "--now", later)
    next_day = seven + timedelta(days=1, minutes=5)
    assert "Digest: 0 daily digest(s)" in run(app, "outbox", "digest", "--now", next_day.isoformat())
    assert len(smtp.inbox.messages) == 5


def _news(app, case_id: int, when: datetime) -> None:
    """Tell Tove that her committee put the case on the agenda, at a fixed time."""
    with app.test_request_context():
        case = db.session.get(Case, case_id)
        tove = db.session.scalar(select(Person.id).where(Person.email == "tove@example.dk"))
        notify(db.session, case, "schedule", {tove}, data={"committee": "LokalMED Skole"},
               mail=notify_app.mail_settings(), now=when)
        db.session.commit()


def test_the_digest_comes_at_seven_danish_time_on_both_sides_of_summer_time(app, api, smtp):
    smtp.start()
    case = api("anna").submit(title="Nye stole")
    run(app, "outbox", "send")
    before = len(smtp.inbox.messages)
    _news(app, case["id"], datetime(2027, 3, 26, 12, 0, tzinfo=UTC))
    assert "0 daily" in run(app, "outbox", "digest", "--now", "2027-03-27T05:59:00+00:00")  # 06:59 CET
    assert "1 daily" in run(app, "outbox", "digest", "--now", "2027-03-27T06:00:00+00:00")  # 07:00 CET
    _news(app, case["id"], datetime(2027, 3, 27, 12, 0, tzinfo=UTC))
    assert "0 daily" in run(app, "outbox", "digest", "--now", "2027-03-28T04:59:00+00:00")  # 06:59 CEST
    assert "1 daily" in run(app, "outbox", "digest", "--now", "2027-03-28T05:00:00+00:00")  # 07:00 CEST
    first, second = smtp.inbox.to("tove@example.dk")[-2:]
    assert len(smtp.inbox.messages) == before + 2
    assert plain(first).count("Sagen er sat på dagsordenen") == plain(second).count("dagsordenen") == 1
    assert "26.03.2027 13.00: Sagen er sat på dagsordenen i LokalMED Skole." in plain(first)  # Danish time
    assert "27.03.2027 13.00: Sagen er sat på dagsordenen i LokalMED Skole." in plain(second)


def test_two_sweeps_at_once_make_each_digest_once(app, api, smtp):
    api("anna").submit(title="Nye stole")
    seven = digest_slot(utcnow(), 7) + timedelta(days=1, minutes=5)
    start, made = threading.Barrier(2), []

    def sweep_digests() -> None:
        with app.app_context(), Session(db.engine) as session:
            start.wait(timeout=30)
            made.append(send_digests(session, notify_app.mail_settings(), seven))

    threads = [threading.Thread(target=sweep_digests) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(made) == 2 and sum(len(each) for each in made) == 4  # shared out, never doubled
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage.recipient).where(OutboxMessage.case_id.is_(None))).all()
    assert sorted(rows) == ["amir@example.dk", "lene@example.dk", "sara@example.dk", "tove@example.dk"]
