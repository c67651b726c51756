"""One-click unsubscribe (RFC 8058): the signed link from a real mail, without a session or CSRF token."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlsplit

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import func, select

from medflow.domain.mailprefs import DIGEST_KIND, Choices
from medflow.extensions import db
from medflow.notify.compose import unsubscribe_url
from medflow.persistence.models import MailPreference, Person
from medflow.services.mail import mail_prefs
from tests.helpers.mail import deliver, serve_mail

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def smtp(app, org):
    """A local SMTP server; everyone keeps the default choices; CSRF protection on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield from serve_mail(app, timeout=2, send_on_commit=False, wait=30)


def modes(app, email: str) -> dict[str, str]:
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.email == email))
        return dict(mail_prefs.choices(db.session, person).modes) or "defaults"


def link_in_mail(app, api, smtp) -> tuple[str, dict]:
    """Return the path of the List-Unsubscribe link in the mail Anna gets when her case is accepted."""
    smtp.start()
    case = api("lene").fire(api("anna").submit(title="Nye stole"), "accept")
    deliver(app)
    [mail] = smtp.inbox.to("anna@example.dk")
    return urlsplit(mail["List-Unsubscribe"].strip("<>")).path, case


def test_one_click_post_without_a_session_turns_off_exactly_that_kind(app, api, smtp):
    path, case = link_in_mail(app, api, smtp)
    response = app.test_client().post(path, data=ONE_CLICK)
    assert response.status_code == 200
    assert "E-mails til Anna Jensen om sager, jeg har rejst er slået fra." in response.text
    assert "/notifications/mail" in response.text  # how to turn it back on
    assert modes(app, "anna@example.dk") == {"submitted": "off", "committees": "digest", "deadlines": "now",
                                             "information": "digest", "meetings": "now"}
    api("lene").fire(case, "resolve", answer="Der kommer nye stole.")
    deliver(app)
    assert len(smtp.inbox.to("anna@example.dk")) == 1  # no mail about the answer
    assert api("anna").get("/notifications").get_json()["unread"] == 2  # she is still told in medflow


def test_opening_the_link_shows_what_it_turns_off_and_changes_nothing(app, api, smtp):
    path, _ = link_in_mail(app, api, smtp)
    page = app.test_client().get(path)
    assert page.status_code == 200
    assert "Dette link stopper e-mails til Anna Jensen om sager, jeg har rejst." in page.text
    assert f'action="{path}"' in page.text
    assert modes(app, "anna@example.dk") == "defaults"


def _tamper(token: str, payload: list) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).rstrip(b"=").decode()
    return f"{body}.{token.rsplit('.', 1)[1]}"


def test_a_forged_or_another_persons_link_is_refused_and_changes_nothing(app, api, smtp):
    path, _ = link_in_mail(app, api, smtp)
    token = path.rsplit("/", 1)[1]
    with app.app_context():
        lene = db.session.scalar(select(Person.id).where(Person.email == "lene@example.dk"))
    other_key = URLSafeSerializer("not-our-key", salt="medflow-mail-unsubscribe").dumps([lene, "committees"])
    for bad in (_tamper(token, [lene, "submitted"]), token[:-3] + "abc", other_key, "junk"):
        response = app.test_client().post(f"/mail/unsubscribe/{bad}", data=ONE_CLICK)
        assert response.status_code == 400, bad
        assert "afmeldingslink er ikke gyldigt" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MailPreference)) == 0


def test_the_digest_link_turns_off_every_kind_that_went_to_the_digest(app, api, smtp):
    with app.test_request_context():
        tove = db.session.scalar(select(Person.id).where(Person.email == "tove@example.dk"))
        path = urlsplit(unsubscribe_url(tove, DIGEST_KIND)).path
    response = app.test_client().post(path, data=ONE_CLICK)
    assert response.status_code == 200
    turned_off = "om nye sager og ændringer i mine udvalg, udmeldinger og information ovenfra er slået fra"
    assert turned_off in response.text
    assert modes(app, "tove@example.dk") == {"submitted": "now", "committees": "off", "deadlines": "now",
                                             "information": "off", "meetings": "now"}  # that came at once


def test_the_api_reads_and_saves_the_same_choices_and_names_a_bad_field(app, api, smtp):
    anna = api("anna")
    assert anna.get("/notifications/mail").get_json() == {
        "email": True, "digest_hour": 7, "address_failing": False,
        "kinds": {"submitted": "now", "committees": "digest", "deadlines": "now", "information": "digest",
                  "meetings": "now"}}
    kinds = {"submitted": "off", "committees": "off", "deadlines": "now", "information": "digest"}
    saved = anna.post("/notifications/mail", {"kinds": {**kinds, "meetings": "digest"}, "digest_hour": 16})
    assert saved.status_code == 200
    assert saved.get_json()["kinds"] == {**kinds, "meetings": "digest"}
    assert saved.get_json()["digest_hour"] == 16
    kinds = {**kinds, "deadlines": "off"}  # a client written before meeting mail could be chosen
    kept = anna.post("/notifications/mail", {"kinds": kinds}).get_json()["kinds"]
    assert kept == {**kinds, "meetings": "digest"}  # it keeps the stored choice for meeting mail
    kinds = {**kinds, "meetings": "digest"}
    for body, field in (({"kinds": {**kinds, "deadlines": "weekly"}}, "deadlines"),
                        ({"kinds": {**kinds, "meetings": "weekly"}}, "meetings"),
                        ({"kinds": kinds, "digest_hour": "7"}, "digest_hour"), ({"kinds": []}, "kinds")):
        refused = anna.post("/notifications/mail", body)
        assert refused.status_code == 400 and field in refused.get_json()["error"]
    assert modes(app, "anna@example.dk") == kinds


def test_a_link_over_a_year_old_or_from_before_the_choices_changed_no_longer_works(app, api, smtp, monkeypatch):
    import time

    from itsdangerous.timed import TimestampSigner

    with app.test_request_context():
        tove = db.session.scalar(select(Person.id).where(Person.email == "tove@example.dk"))
        fresh = urlsplit(unsubscribe_url(tove, "committees")).path
        with monkeypatch.context() as m:
            m.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 366 * 86400)
            old = urlsplit(unsubscribe_url(tove, "committees")).path
    response = app.test_client().post(old, data=ONE_CLICK)
    assert response.status_code == 400 and "for gammelt" in response.text
    assert modes(app, "tove@example.dk") == "defaults"
    first = app.test_client().post(fresh, data=ONE_CLICK)  # works, and changes her choices
    assert first.status_code == 200
    again = app.test_client().post(fresh, data=ONE_CLICK)
    assert again.status_code == 400 and "for gammelt" in again.text


def test_a_link_sent_before_meeting_mail_could_be_chosen_still_works_until_that_choice_changes(app, api, smtp):
    import hashlib

    from itsdangerous import URLSafeTimedSerializer

    def link_as_sent_before(person_id: int) -> str:  # the fingerprint then covered the four case kinds
        state = repr((["now", "digest", "now", "digest"], 7, False))
        token = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="medflow-mail-unsubscribe").dumps(
            [person_id, "committees", hashlib.sha256(state.encode()).hexdigest()[:12]])
        return f"/mail/unsubscribe/{token}"

    with app.app_context():
        tove, sara = (db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))
                      for who in ("tove", "sara"))
        mail_prefs.save(db.session, sara, Choices({"meetings": "off"}), email_on=True)  # the rest as before
        tove_link, sara_link = link_as_sent_before(tove.id), link_as_sent_before(sara.id)
    assert app.test_client().post(tove_link, data=ONE_CLICK).status_code == 200
    assert modes(app, "tove@example.dk")["committees"] == "off"
    refused = app.test_client().post(sara_link, data=ONE_CLICK)  # she has changed her meeting mail since
    assert refused.status_code == 400 and "for gammelt" in refused.text
