"""Search over agenda items, approved minutes, news stories and cascades on both databases: stems,
the kind filter and the others, ranking, each kind's visibility in results and snippets, reindexing
and retention's scrub."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, Meeting, SearchDocument
from medflow.services import cascades
from medflow.services import cases as case_service
from medflow.services.meetings import agenda, communication, minutes, planning
from medflow.services.privacy.retention import anonymise_due
from tests import factories
from tests.meeting_helpers import BEGUN, MEETING_ORG, approve_both, engines, in_days, person


@pytest.fixture
def api(app):
    """Return API clients over the meeting organisation (LokalMED Skole has a secretary, Sonja)."""
    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
    return factories.ApiClients(app)


def _results(api, who: str, q: str, **filters) -> list[dict]:
    response = api(who).get("/search", query_string={"q": q, **filters})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


def _found(api, who: str, q: str, **filters) -> list[tuple[str, str]]:
    return [(r["kind"], r["title"]) for r in _results(api, who, q, **filters)]


def _case(app, who: str, title: str, description: str = "", confidential: bool = False) -> int:
    new = case_service.NewCase("question", title, description, confidential)
    case = case_service.submit_case(db.session, engines(app), person(who), new)
    case_service.fire_event(db.session, engines(app), person("lene"), case.id, "accept", case.version, {})
    return case.id


def _meeting(app, *case_ids: int, by: str = "sonja"):
    """Plan today's meeting of LokalMED Skole with the cases on it (as the secretary, or the chair)."""
    meeting = planning.create_meeting(db.session, person("sonja"), "lok-skole",
                                      planning.MeetingPlan(date=in_days(0), **BEGUN))
    for case_id in case_ids:
        case = db.session.get(Case, case_id)
        case_service.fire_event(db.session, engines(app), person(by), case_id, "schedule", case.version,
                                {"meeting": str(meeting.id)})
    return meeting


def _item(meeting, case_id: int):
    return next(i for i in meeting.items if i.case_id == case_id)


def _with_minutes_and_story(app):
    """A meeting of LokalMED Skole about chairs: a case item with minutes, a free item, a story."""
    case_id = _case(app, "anna", "Slidte stole i personalerummet", "Stolene knirker.")
    meeting = _meeting(app, case_id)
    agenda.add_free_item(db.session, person("sonja"), meeting.id, meeting.version,
                         "Indkøb af møbler", "Budgettet til nye stole og borde.")
    item = _item(meeting, case_id)
    minutes.record_minutes(db.session, engines(app), person("sonja"), item.id, item.version,
                           "Udvalget bestiller nye stole.", None, {})
    communication.add_line(db.session, person("sonja"), meeting.id, meeting.version, communication.NewLine(
        what="Fortæl om stolene", audience="employees", channel="newsletter", owner="sara@example.dk",
        due_date=in_days(14).isoformat(), story_title="Nye stole på skolen",
        story_text="Skolens personalerum får nye stole i marts."))
    return meeting.id


def test_agenda_items_minutes_and_news_are_found_by_their_words_in_any_inflection(app, api):
    with app.app_context():
        meeting_id = _with_minutes_and_story(app)

    assert set(_found(api, "sara", "stol", kind="agenda_item")) == {
        ("agenda_item", "Slidte stole i personalerummet"), ("agenda_item", "Indkøb af møbler")}
    assert _found(api, "sara", "stole", kind="minutes") == []  # not before approval
    assert _found(api, "peter", "stole", kind="news") == []
    with app.app_context():
        approve_both(app, meeting_id)

    assert _found(api, "sara", "bestille", kind="minutes") == [("minutes", "Slidte stole i personalerummet")]
    assert _found(api, "peter", "stolen", kind="news") == [("news", "Nye stole på skolen")]  # everyone
    news = _results(api, "peter", "marts", kind="news")[0]
    assert "<mark>marts</mark>" in news["snippet"] and news["url"] == "/news"
    assert news["committee"] == "lok-skole" and news["year"] == in_days(0).year
    sara = _results(api, "sara", "bestiller", kind="minutes")[0]
    assert sara["url"] == f"/meetings/{meeting_id}/minutes#item-{sara['id']}"


def test_approved_minutes_reach_the_employees_below_the_committee_but_not_internal_ones(app, api):
    with app.app_context():
        meeting_id = _with_minutes_and_story(app)
        meeting = db.session.get(Meeting, meeting_id)
        free = next(i for i in meeting.items if i.kind == "free")
        minutes.record_minutes(db.session, engines(app), person("sonja"), free.id, free.version,
                               "Budgettet holder; lønforhandlingen er fortrolig.", None, {}, internal=True)
        approve_both(app, meeting_id)

    anna = _results(api, "anna", "bestiller", kind="minutes")  # her case, her workplace's minutes
    assert [r["title"] for r in anna] == ["Slidte stole i personalerummet"] and anna[0]["url"] == "/information"
    assert _found(api, "anna", "lønforhandling") == []  # internal: for the committee only
    assert _found(api, "sara", "lønforhandling") == [("minutes", "Indkøb af møbler")]
    assert _found(api, "peter", "bestiller") == []  # another workplace: neither the case nor its minutes
    assert _found(api, "ole", "bestiller") == []  # the committee above reads its own, not these


def test_a_confidential_cases_agenda_item_and_minutes_are_found_only_by_those_who_read_the_case(app, api):
    with app.app_context():
        secret = _case(app, "anna", "Chikane fra kollega", "Kodeordet er hvalros.", confidential=True)
        meeting = _meeting(app, secret, by="lene")  # the secretary may not read a confidential case
        item = _item(meeting, secret)
        minutes.record_minutes(db.session, engines(app), person("lene"), item.id, item.version,
                               "Sagen om hvalros drøftet; personalesag.", None, {})
        approve_both(app, meeting.id)

    for who in ("lene", "tove"):  # the chair and vice chair of the committee
        assert ("agenda_item", "Chikane fra kollega") in _found(api, who, "chikane"), who
        assert ("minutes", "Chikane fra kollega") in _found(api, who, "hvalros"), who
    # the submitter reads the case (and finds it), but is not on the committee: no agenda, no minutes
    # (confidential: not published to the workplace either)
    assert _found(api, "anna", "hvalros") == [("case", "Chikane fra kollega")]
    for who in ("sonja", "sara", "amir", "peter", "ole", "admin"):  # members of the committee too: not the case
        assert _found(api, who, "chikane") == [] and _found(api, who, "hvalros") == [], who
        assert all("hvalros" not in r["snippet"].lower() for r in _results(api, who, "drøftet")), who


def test_the_kind_committee_state_and_year_filters_narrow_and_a_title_match_ranks_first(app, api):
    with app.app_context():
        _with_minutes_and_story(app)
        meeting = _meeting(app)
        agenda.add_free_item(db.session, person("sonja"), meeting.id, meeting.version,
                             "Arbejdsmiljø", "Stolene i kantinen er også slidte.")

    everything = _found(api, "sonja", "stole")
    assert {k for k, _t in everything} == {"case", "agenda_item"}
    titles = [t for k, t in everything if k == "agenda_item"]
    assert titles.index("Slidte stole i personalerummet") < titles.index("Arbejdsmiljø")
    assert {k for k, _t in _found(api, "sonja", "stole", kind="case")} == {"case"}
    assert _found(api, "sonja", "stole", kind="agenda_item", state="scheduled") == [
        ("agenda_item", "Slidte stole i personalerummet")]
    assert _found(api, "sonja", "stole", committee="lok-pleje") == []
    assert len(_found(api, "sonja", "stole", kind="agenda_item", year=str(in_days(0).year))) == 3
    assert _found(api, "sonja", "stole", kind="agenda_item", year=str(in_days(0).year - 1)) == []
    refused = api("sonja").get("/search", query_string={"q": "stole", "kind": "mødereferat"})
    assert refused.status_code == 400 and "kind" in str(refused.get_json())


def test_a_cascade_is_found_by_those_it_reached_and_an_internal_one_only_by_its_committee(app, api):
    with app.app_context():
        kim = person("kim")
        for title, internal in (("Ny sygefraværspolitik", False), ("Sygefravær: budgetudkast", True)):
            cascades.publish(db.session, kim, cascades.NewCascade(
                "kommunemed", title, "Politikken om sygefravær gælder fra 1. maj.", "information",
                internal=internal))

    public = _results(api, "anna", "sygefraværet", kind="cascade")
    assert [r["title"] for r in public] == ["Ny sygefraværspolitik"] and public[0]["url"] == "/information"
    assert _found(api, "peter", "politikker", kind="cascade") == [("cascade", "Ny sygefraværspolitik")]
    kims = _results(api, "kim", "sygefravær", kind="cascade")
    assert {r["title"] for r in kims} == {"Ny sygefraværspolitik", "Sygefravær: budgetudkast"}
    assert all(r["url"] == f"/cascades/{r['id']}" for r in kims)


def test_reindex_and_the_doctor_cover_every_kind(app, api):
    with app.app_context():
        approve_both(app, _with_minutes_and_story(app))
        cascades.publish(db.session, person("kim"), cascades.NewCascade(
            "kommunemed", "Trivselsmåling", "Alle svarer i uge 10.", "task"))
        db.session.execute(delete(SearchDocument))
        db.session.commit()
    assert _found(api, "sara", "stole") == [] and _found(api, "anna", "trivselsmålingen") == []

    result = app.test_cli_runner().invoke(cli, ["search", "reindex"])

    assert result.exit_code == 0, result.output
    assert "case(s) indexed" in result.output and "document(s) from meetings" in result.output
    assert {k for k, _t in _found(api, "sara", "stole")} == {"case", "agenda_item", "minutes", "news"}
    assert _found(api, "anna", "trivselsmålingen") == [("cascade", "Trivselsmåling")]


def test_retention_scrubs_a_cases_agenda_item_and_minutes_from_the_index(app, api):
    with app.app_context():
        case_id = _case(app, "anna", "Skimmelsvamp i kælderen", "Det lugter.")
        meeting = _meeting(app, case_id)
        item = _item(meeting, case_id)
        minutes.record_minutes(db.session, engines(app), person("sonja"), item.id, item.version,
                               "Skimmelsvampen fjernes.", "resolve", {"answer": "Kælderen renses.",
                                                                       "outcome": "decision"})
        approve_both(app, meeting.id)
    assert {k for k, _t in _found(api, "lene", "skimmelsvamp")} == {"case", "agenda_item", "minutes"}
    with app.app_context():
        done = anonymise_due(db.session, engines(app), utcnow() + timedelta(days=2), days=1)
        db.session.commit()
        assert done == [case_id]
        left = db.session.scalars(select(SearchDocument.kind).where(SearchDocument.case_id == case_id)).all()
        assert left == []
        db.session.get(Meeting, meeting.id).place = "Mødelokale 3"  # a later change rebuilds the meeting
        db.session.commit()

    assert _found(api, "lene", "skimmelsvamp") == [] and _found(api, "lene", "kælderen") == []


def test_an_item_taken_off_and_a_cancelled_meeting_leave_the_index_in_the_same_commit(app, api):
    with app.app_context():
        meeting = _meeting(app)
        party = agenda.add_free_item(db.session, person("sonja"), meeting.id, meeting.version,
                                     "Julefrokost", "Planlægning af julefrokosten.")
        agenda.add_free_item(db.session, person("sonja"), meeting.id, meeting.version,
                             "Sommerudflugt", "Planlægning af udflugten.")
        assert len(_found(api, "sara", "planlægning")) == 2
        agenda.remove_item(db.session, person("sonja"), party.id, db.session.get(Meeting, meeting.id).version)
        assert _found(api, "sara", "planlægning") == [("agenda_item", "Sommerudflugt")]
        meeting = db.session.get(Meeting, meeting.id)
        planning.cancel_meeting(db.session, person("sonja"), meeting.id, meeting.version)

    assert _found(api, "sara", "planlægning") == []


def test_a_case_scheduled_onto_a_planned_meeting_and_moved_on_is_found_on_the_agenda_it_is_on(app, api):
    """Scheduled by the API onto meetings planned in earlier requests (their agendas not loaded), a
    case's item is found at once, and after a move only on the agenda it went to."""
    with app.app_context():
        first, second = (planning.create_meeting(db.session, person("sonja"), "lok-skole",
                                                 planning.MeetingPlan(date=in_days(days), **BEGUN)).id
                         for days in (7, 14))
        for existing in range(3):
            agenda.add_free_item(db.session, person("sonja"), first, db.session.get(Meeting, first).version,
                                 f"Punkt {existing}", "Andet.")
        case_id = _case(app, "anna", "Skimmelsvamp i gymnastiksalen")
        db.session.remove()

    def schedule(meeting_id: int) -> None:
        version = api("sonja").get(f"/cases/{case_id}").get_json()["version"]
        response = api("sonja").post(f"/cases/{case_id}/events",
                                     {"event": "schedule", "version": version, "meeting": str(meeting_id)})
        assert response.status_code == 200, response.get_json()

    schedule(first)
    [hit] = _results(api, "sara", "skimmelsvamp", kind="agenda_item")
    assert hit["url"] == f"/meetings/{first}"
    schedule(second)
    [hit] = _results(api, "sara", "skimmelsvamp", kind="agenda_item")
    assert hit["url"] == f"/meetings/{second}"
    assert len(_found(api, "sara", "andet", kind="agenda_item")) == 3  # the first agenda's other items stay
