"""A work-environment case decided in the minutes by level: above the workplace an answer of principle,
at the workplace the full path; and nothing typed into the minutes is dropped in silence."""

from __future__ import annotations

import pytest

from medflow.domain.errors import Invalid, NotPossible
from medflow.extensions import db
from medflow.persistence.models import Case, Meeting, MeetingItem
from medflow.services import cases as case_service
from medflow.services.meetings import minutes, planning
from tests import factories
from tests.meeting_helpers import BEGUN, MEETING_ORG, engines, in_days, person

ORG = {**MEETING_ORG, "people": [*MEETING_ORG["people"], {
    "email": "karl@example.dk", "name": "Karl Sekretær", "workplace": "kommunemed",
    "roles": [{"committee": "kommunemed", "role": "secretary"}]}, {
    "email": "vera@example.dk", "name": "Vera Næstformand", "workplace": "kommunemed",
    "roles": [{"committee": "kommunemed", "role": "vice_chair"}]}]}
NOISE = case_service.NewCase(workflow="work_environment", title="Støj i kantinen", extra={
    "category": "physical", "location": "Kantinen", "what_happened": "Larmen er over grænsen hver dag."})


@pytest.fixture
def korg(app, session):
    """Load the test organisation with secretaries in LokalMED Skole (Sonja) and KommuneMED (Karl)."""
    return factories.load_org(session, ORG)


def fire(app, who: str, case_id: int, event: str, **fields) -> Case:
    case = db.session.get(Case, case_id)
    return case_service.fire_event(db.session, engines(app), person(who), case_id, event, case.version, fields)


def on_agenda(app, case_id: int, secretary: str, committee: str) -> MeetingItem:
    meeting = planning.create_meeting(db.session, person(secretary), committee, planning.MeetingPlan(
        date=in_days(0), **BEGUN, place="Rådhuset"))  # it has begun: decisions can be recorded
    fire(app, secretary, case_id, "schedule", meeting=str(meeting.id))
    return next(i for i in db.session.get(Meeting, meeting.id).items if i.case_id == case_id)


def sent_up_to_the_top(app) -> int:
    """Return a noise case the school sends up at once, the area sends on and KommuneMED takes up."""
    case = case_service.submit_case(db.session, engines(app), person("anna"), NOISE)
    fire(app, "lene", case.id, "forward", comment="Kræver en beslutning for hele kommunen.")
    fire(app, "ole", case.id, "forward", comment="Samme problem i flere kantiner.")
    return fire(app, "kim", case.id, "accept").id


def test_kommunemed_answers_a_forwarded_work_environment_case_in_the_minutes(app, korg, session):
    case_id = sent_up_to_the_top(app)
    item = on_agenda(app, case_id, "karl", "kommunemed")
    choices = minutes.decision_choices(session, engines(app), person("karl"), item)
    on_page = case_service.allowed_actions(session, engines(app), person("karl"), item.case)
    assert choices == [e for e in on_page if e not in minutes.NOT_DECISIONS] + [minutes.POSTPONED]
    assert "unschedule" in on_page  # the case page's list without "Sæt på dagsordenen" and "Tag af dagsordenen"
    assert "resolve" in choices and "assess" not in choices
    minutes.record_minutes(session, engines(app), person("karl"), item.id, item.version,
                           "Udvalget vedtager en fælles støjgrænse.", "resolve",
                           {"answer": "Alle kantiner får lydabsorbenter inden 1. juni.",
                            "outcome": "guideline"})
    case = session.get(Case, case_id)
    assert (case.state, case.data["answer"], case.data["outcome"]) == (
        "closed", "Alle kantiner får lydabsorbenter inden 1. juni.", "guideline")
    assert [e.event for e in case.history][-1] == "resolve"


def test_at_the_workplace_closing_waits_for_the_assessment(app, korg, session):
    case = case_service.submit_case(db.session, engines(app), person("anna"), NOISE)
    fire(app, "lene", case.id, "accept")
    item = on_agenda(app, case.id, "sonja", "lok-skole")
    assert "resolve" not in minutes.decision_choices(session, engines(app), person("sonja"), item)
    assert "assess" in minutes.decision_choices(session, engines(app), person("lene"), item)
    with pytest.raises(NotPossible, match="closed after a risk assessment"):
        fire(app, "lene", case.id, "resolve", answer="Ja.")


def test_an_answer_without_a_decision_is_refused_and_nothing_is_saved(app, korg, session):
    item = on_agenda(app, sent_up_to_the_top(app), "karl", "kommunemed")
    with pytest.raises(Invalid) as refused:
        minutes.record_minutes(session, engines(app), person("karl"), item.id, item.version, "Drøftet.",
                               None, {"answer": "Der kommer lydabsorbenter."})
    assert refused.value.params["fields"] == ("answer",) and "chose no decision" in str(refused.value)
    session.expire_all()
    item, case = session.get(MeetingItem, item.id), session.get(Case, item.case_id)
    assert (item.minutes, case.state) == ("", "accepted")


def test_an_answer_with_a_decision_that_does_not_answer_is_refused(app, korg, session):
    item = on_agenda(app, sent_up_to_the_top(app), "karl", "kommunemed")
    with pytest.raises(Invalid, match="does not use answer"):
        minutes.record_minutes(session, engines(app), person("karl"), item.id, item.version, "Henvises.",
                               "refer", {"answer": "Ja.", "target": "lok-skole"})
    session.expire_all()
    assert session.get(Case, item.case_id).state == "accepted"


def test_a_case_that_moved_after_the_page_was_read_is_refused_with_its_state_by_name(app, korg, session):
    case_id = sent_up_to_the_top(app)
    item = on_agenda(app, case_id, "karl", "kommunemed")
    seen = session.get(Case, case_id).version
    fire(app, "kim", case_id, "refer", comment="Vurderes lokalt.", target="lok-skole")
    with pytest.raises(NotPossible) as refused:
        minutes.record_minutes(session, engines(app), person("karl"), item.id, item.version, "Svar.",
                               "resolve", {"answer": "Ja."}, case_version=seen)
    assert "it is now Modtaget at LokalMED Skole" in str(refused.value)
