"""Sharing an answer with every employee: the case page and the minutes, the archive, the feed, unsharing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import Case, CaseEvent, SharedAnswer

ATOM = "{http://www.w3.org/2005/Atom}"


def _accepted(api, title="Må vi holde pauser ude i gården?", **extra) -> dict:
    case = api("anna").submit(title=title, **extra)
    return api("lene").fire(case, "accept")


def _resolve(pages, case: dict, who="lene", share=True, title="Pauser kan holdes udendørs",
             text="Pauser må holdes i gården, når en kollega ved det.", **more):
    data = {"event": "resolve", "version": case["version"], "answer": "Ja, det må I.", "outcome": "information"}
    if share:
        data |= {"share": "1", "share_title": title, "share_text": text}
    return pages(who).post(f"/cases/{case['id']}/events", data={**data, **more})


def test_resolving_with_the_box_ticked_shares_the_answer_in_the_archive_and_the_feed(app, pages, api):
    case = _accepted(api)
    response = _resolve(pages, case)
    assert response.status_code == 302
    peter = pages("peter")  # another workplace
    archive = peter.get("/answers").text
    assert "Pauser kan holdes udendørs" in archive and "LokalMED Skole" in archive
    with app.app_context():
        answer = db.session.scalar(select(SharedAnswer))
        assert answer.level == "lokal" and answer.committee.key == "lok-skole"
        assert answer.shared_by.email == "lene@example.dk"
        history = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case["id"])
                                     .order_by(CaseEvent.seq)).all()
        assert [e.event for e in history][-2:] == ["resolve", "share_answer"]
        assert history[-1].from_state == history[-1].to_state == "resolved"
        assert db.session.get(Case, case["id"]).version == history[-1].seq  # the version guards it too
    page = peter.get(f"/answers/{answer.id}").text
    assert "Pauser må holdes i gården" in page
    assert "Ja, det må I." not in page  # the text for all, not the case's own answer
    feed = ET.fromstring(peter.get("/answers/feed.atom").data)
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == ["Pauser kan holdes udendørs"]
    timeline = pages("anna").get(f"/cases/{case['id']}").text
    assert "Svaret er delt med alle medarbejdere" in timeline


def test_an_unticked_box_shares_nothing_and_a_missing_text_is_refused_before_answering(app, pages, api):
    case = _accepted(api)
    refused = _resolve(pages, case, text="  ")
    assert refused.status_code == 400 and "skrive en titel og en tekst" in refused.text
    assert api("anna").get(f"/cases/{case['id']}").get_json()["state"] == "accepted"  # not answered either
    assert _resolve(pages, case, share=False).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(SharedAnswer)) is None


def test_a_confidential_case_offers_no_box_and_is_refused(app, pages, api):
    case = _accepted(api, confidential=True)
    page = pages("lene").get(f"/cases/{case['id']}").text
    assert 'name="share"' not in page
    refused = _resolve(pages, case)
    assert refused.status_code == 409 and "En fortrolig sag kan ikke deles" in refused.text
    assert api("anna").get(f"/cases/{case['id']}").get_json()["state"] == "accepted"
    with app.app_context():
        assert db.session.scalar(select(SharedAnswer)) is None


def test_the_committee_can_unshare_and_the_answer_leaves_archive_and_feed(app, pages, api):
    case = _accepted(api)
    _resolve(pages, case)
    with app.app_context():
        answer_id = db.session.scalar(select(SharedAnswer.id))
    assert 'data-testid="unshare"' not in pages("peter").get(f"/answers/{answer_id}").text
    assert pages("peter").post(f"/answers/{answer_id}/unshare").status_code == 403
    assert 'data-testid="unshare"' in pages("tove").get(f"/answers/{answer_id}").text  # the vice chair
    assert pages("tove").post(f"/answers/{answer_id}/unshare").status_code == 302
    peter = pages("peter")
    assert "Pauser kan holdes udendørs" not in peter.get("/answers").text
    assert peter.get(f"/answers/{answer_id}").status_code == 404
    assert list(ET.fromstring(peter.get("/answers/feed.atom").data).iter(f"{ATOM}entry")) == []
    with app.app_context():
        events = db.session.scalars(select(CaseEvent.event).where(CaseEvent.case_id == case["id"])).all()
        assert events[-1] == "unshare_answer"
        assert db.session.get(SharedAnswer, answer_id).unshared_by.email == "tove@example.dk"


def test_the_archive_needs_a_log_in_and_filters_by_topic_and_level(app, pages, api):
    for title, topic in (("Pauser i gården", "arbejdstid-og-planlaegning"),
                         ("Nye stole", "ny-teknologi-og-bygninger")):
        case = _accepted(api, title=title, topic=topic)
        _resolve(pages, case, title=title)
    assert pages(None).get("/answers").status_code == 302
    assert pages(None).get("/answers/feed.atom").status_code == 302
    anna = pages("anna")
    by_topic = anna.get("/answers?topic=ny-teknologi-og-bygninger").text
    assert "Nye stole" in by_topic and "Pauser i gården" not in by_topic
    assert "Nye stole" in anna.get("/answers?level=lokal").text
    assert "Ingen svar er delt endnu" in anna.get("/answers?level=kommune").text
    newest_first = anna.get("/answers").text
    assert newest_first.index("Nye stole") < newest_first.index("Pauser i gården")
    assert 'href="/search?q=' not in newest_first and 'action="/search"' in newest_first


def test_the_minutes_can_share_an_answered_case(app, pages, api):
    from tests.web.test_minutes_decisions import item_form, on_kommunemed_agenda, people  # noqa: F401

    with app.app_context():
        from tests import factories
        from tests.integration.test_minutes_by_level import ORG
        factories.load_org(db.session, ORG)
    case, meeting_id = on_kommunemed_agenda(pages, api)
    html = pages("karl").get(f"/meetings/{meeting_id}/minutes").text
    assert 'name="share"' in html and 'name="share_text"' in html
    form = item_form(html)
    saved = pages("karl").post(f"/meeting-items/{form['item']}/minutes", data={
        **form, "minutes": "Fælles støjgrænse vedtaget.", "decision": "resolve",
        "answer": "Alle kantiner får lydabsorbenter.", "outcome": "guideline",
        "share": "1", "share_title": "Støj i kantinerne", "share_text": "Alle kantiner får lydabsorbenter."})
    assert saved.status_code == 302
    archive = pages("peter").get("/answers").text
    assert "Støj i kantinerne" in archive and "KommuneMED" in archive


def test_a_share_text_too_long_is_refused_in_words_and_nothing_is_answered(pages, api):
    case = _accepted(api)
    refused = _resolve(pages, case, title="x" * 201)
    assert refused.status_code == 400 and "højst 200 og 10000 tegn" in refused.text
    assert api("anna").get(f"/cases/{case['id']}").get_json()["state"] == "accepted"


def _words(response) -> str:
    """The page's text without its tags (search marks the matched words)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.text))


def test_search_finds_a_shared_answer_for_every_employee_by_its_inflected_words_until_it_is_unshared(
        app, pages, api):
    case = _accepted(api, title="Skal vi have pause i gården?", topic="generelt-spoergsmaal")
    _resolve(pages, case, title="Pauser i gården", text="Pauserne må holdes udendørs, når en kollega ved det.")
    peter = pages("peter")  # another workplace: he may not read the case, only the answer written for all
    found = peter.get("/search?q=pause+udendørs&kind=answer")
    assert found.status_code == 200 and "Pauser i gården" in _words(found)
    with app.app_context():
        answer_id = db.session.scalar(select(SharedAnswer.id))
    assert f'href="/answers/{answer_id}"' in found.text
    assert "Pauser i gården" in _words(peter.get("/search?q=pauser&topic=generelt-spoergsmaal"))
    assert "Pauser i gården" not in _words(peter.get("/search?q=pauser&topic=arbejdsmiljoe-psykisk"))
    assert pages("tove").post(f"/answers/{answer_id}/unshare").status_code == 302
    assert "Pauser i gården" not in _words(peter.get("/search?q=pause+udendørs"))
