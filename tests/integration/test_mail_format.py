"""The sent mail, parsed from a real SMTP server: headers, both parts, threading, language, privacy."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from medflow.extensions import db
from medflow.persistence.models import OutboxMessage, Person
from tests.helpers.mail import deliver, mail_at_once, outbox, plain, serve_mail

NOW = datetime(2027, 1, 15, 9, 30, tzinfo=UTC)


@pytest.fixture
def smtp(app, org):
    """A local SMTP server (started by the test); everyone is mailed at once about everything."""
    mail_at_once(app)
    yield from serve_mail(app, timeout=2, send_on_commit=False, wait=30)


def html(mail) -> str:
    return mail.get_body(preferencelist=("html",)).get_content()


def test_a_notification_is_a_well_formed_mail_with_two_parts_in_utf8(app, api, smtp):
    app.config["MAIL_REPLY_TO"] = "med-sekretariat@example.dk"
    smtp.start()
    case = api("anna").submit(title="Støj i kantinen – æøå")
    assert deliver(app, NOW).failed == []
    [mail] = smtp.inbox.to("tove@example.dk")
    assert mail["Subject"] == f"[MED #{case['id']}] Støj i kantinen – æøå"
    assert mail["From"] == "med@example.dk" and mail["To"] == "tove@example.dk"
    assert mail["Date"].datetime == NOW
    assert mail["Message-ID"].endswith("@med.example.dk>")  # the host of MEDFLOW_BASE_URL
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["X-Auto-Response-Suppress"] == "All"
    assert mail["Reply-To"] == "med-sekretariat@example.dk"
    assert mail["In-Reply-To"] == mail["References"] == f"<case-{case['id']}@med.example.dk>"
    assert mail["List-Unsubscribe"].startswith("<https://med.example.dk/mail/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.get_content_type() == "multipart/alternative"
    text_part, html_part = mail.get_body(("plain",)), mail.get_body(("html",))
    assert text_part.get_content_charset() == html_part.get_content_charset() == "utf-8"
    for body in (plain(mail), html(mail)):
        assert "Kære Tove TR" in body and "En ny sag er sendt til LokalMED Skole." in body
        assert "Støj i kantinen – æøå" in body and "Stolene i personalerummet er slidte." in body
    assert f"Se sagen: https://med.example.dk/cases/{case['id']}" in plain(mail)
    assert f'<a href="https://med.example.dk/cases/{case["id"]}">Se sagen</a>' in html(mail)
    assert "<img" not in html(mail) and "http://" not in html(mail)  # nothing fetched from elsewhere
    raw_header = next(r for r in smtp.inbox.raw if b"tove@example.dk" in r).split(b"\r\n\r\n")[0]
    assert b"=?utf-8?" in raw_header and "æ".encode() not in raw_header  # RFC 2047-encoded subject


def test_html_part_escapes_what_people_typed(app, api, smtp):
    smtp.start()
    api("anna").submit(title="<script>alert(1)</script> & co")
    deliver(app, NOW)
    [mail] = smtp.inbox.to("tove@example.dk")
    assert "<script>" not in html(mail) and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html(mail)


def test_message_ids_use_mail_domain_when_it_is_set(app, api, smtp):
    app.config["MAIL_DOMAIN"] = "glostrup.dk"
    smtp.start()
    case = api("anna").submit()
    deliver(app, NOW)
    [mail] = smtp.inbox.to("tove@example.dk")
    assert mail["Message-ID"].endswith("@glostrup.dk>")
    assert mail["References"] == f"<case-{case['id']}@glostrup.dk>"
    assert "Reply-To" not in mail  # none configured


def test_three_events_of_one_case_share_one_thread_and_subject(app, api, smtp):
    smtp.start()
    case = api("anna").submit(title="Nye stole")
    case = api("lene").fire(case, "accept")
    api("lene").fire(case, "resolve", answer="Der kommer nye stole i marts.")
    deliver(app, NOW)
    mails = smtp.inbox.to("tove@example.dk")
    assert len(mails) == 3
    root = f"<case-{case['id']}@med.example.dk>"
    assert {m["In-Reply-To"] for m in mails} == {m["References"] for m in mails} == {root}
    assert {m["Subject"] for m in mails} == {f"[MED #{case['id']}] Nye stole"}
    assert len({m["Message-ID"] for m in mails}) == 3
    assert [plain(m).splitlines()[2] for m in mails] == [
        "En ny sag er sendt til LokalMED Skole.", "LokalMED Skole har taget sagen under behandling.",
        "Sagen er besvaret af LokalMED Skole."]


def test_mail_comes_in_the_language_the_person_chose(app, api, smtp):
    with app.app_context():
        db.session.scalar(select(Person).where(Person.email == "tove@example.dk")).language = "en"
        db.session.commit()
    smtp.start()
    case = api("anna").submit(title="Nye stole")
    deliver(app, NOW)
    [english] = smtp.inbox.to("tove@example.dk")
    [danish] = smtp.inbox.to("lene@example.dk")
    assert "Dear Tove TR" in plain(english) and "A new case was submitted to LokalMED Skole." in plain(english)
    assert f"See the case: https://med.example.dk/cases/{case['id']}" in plain(english)
    assert '<html lang="en">' in html(english) and "<p>Dear Tove TR,</p>" in html(english)
    assert "Kære Lene Leder" in plain(danish) and '<html lang="da">' in html(danish)


def test_confidential_case_mail_names_only_its_number_and_link(app, api, smtp):
    smtp.start()
    case = api("anna").submit(title="Konflikt med Bodil", description="Bodil råber ad mig", confidential=True)
    case = api("lene").fire(case, "accept")
    api("lene").fire(case, "forward", comment="Bodil har gjort det før")
    deliver(app, NOW)
    mails = [m for _, m in smtp.inbox.messages]
    assert {r for rcpt, _ in smtp.inbox.messages for r in rcpt} == {
        "lene@example.dk", "tove@example.dk", "anna@example.dk", "ole@example.dk"}
    for mail in mails:
        assert mail["Subject"] == f"[MED #{case['id']}] En fortrolig sag"
        for body in (plain(mail), html(mail)):
            assert f"fortrolig sag (nr. {case['id']})" in body
            assert f"https://med.example.dk/cases/{case['id']}" in body
            # (a name long enough that a random unsubscribe token cannot spell it by chance)
            assert "Konflikt" not in body and "Bodil" not in body and "råber" not in body


def test_a_row_queued_before_the_upgrade_is_sent_once_as_before(app, api, smtp):
    with app.app_context():  # only the columns the outbox had before this change
        db.session.execute(insert(OutboxMessage.__table__).values(
            recipient="anna@example.dk", subject="[MED] Sag 7: Gammel sag", body="Kære Anna\n\nGammel tekst.",
            created_at=NOW - timedelta(hours=1), attempts=0, next_attempt_at=NOW - timedelta(hours=1)))
        db.session.commit()
    smtp.start()
    assert len(deliver(app, NOW).sent) == 1
    assert deliver(app, NOW + timedelta(hours=1)).sent == []
    [mail] = smtp.inbox.to("anna@example.dk")
    assert mail["Subject"] == "[MED] Sag 7: Gammel sag" and mail.get_content_type() == "text/plain"
    assert mail.get_content().splitlines() == ["Kære Anna", "", "Gammel tekst."]
    assert mail["Message-ID"].endswith("@med.example.dk>") and mail["Date"].datetime == NOW
    [row] = outbox(app)
    assert row.sent_at == NOW and row.attempts == 1


def test_a_rejection_mail_tells_the_submitter_where_to_go_instead(app, api, smtp):
    smtp.start()
    case = api("anna").submit(title="Løn for weekendvagter")
    api("lene").fire(case, "reject", comment="Løn er ikke en MED-sag",
                     redirect="Tal med din tillidsrepræsentant, Tove, om løn.")
    assert deliver(app, NOW).failed == []
    [mail] = [m for m in smtp.inbox.to("anna@example.dk") if "afvist" in plain(m)]
    for body in (plain(mail), html(mail)):
        assert "Henvend dig i stedet til:" in body and "Tal med din tillidsrepræsentant, Tove, om løn." in body


def test_the_unsubscribe_headers_are_sent_raw_in_ascii_as_rfc_8058_asks(app, api, smtp):
    """Mail clients offer one-click unsubscribe only for a raw <https:...> URI, not an encoded word."""
    smtp.start()
    api("anna").submit(title="Støj i kantinen – æøå")
    assert deliver(app, NOW).failed == []
    raw = next(r for r in smtp.inbox.raw if b"tove@example.dk" in r.split(b"\r\n\r\n", 1)[0])
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    unfolded = re.sub(r"\r\n[ \t]+", " ", head).split("\r\n")
    [link] = [line for line in unfolded if line.startswith("List-Unsubscribe:")]
    assert re.fullmatch(r"List-Unsubscribe: <https://med\.example\.dk/mail/unsubscribe/[!-~]+>", link), link
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in unfolded
