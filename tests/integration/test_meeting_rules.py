"""Meetings as a MED committee holds them: time, approval by both sides, standing items, attendance, moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from medflow.domain.errors import Invalid, NotAllowed, NotPossible
from medflow.extensions import db
from medflow.persistence.models import Case, Meeting, MeetingItem
from medflow.services import cases as case_service
from medflow.services.meetings import (
    agenda,
    approval,
    attendance,
    minutes,
    planning,
    standing_edit,
    timing,
)
from medflow.services.privacy.person_export import export_person
from tests import factories
from tests.meeting_helpers import BEGUN, MEETING_ORG, accepted_case, engines, in_days, person


@pytest.fixture
def morg(app, session):
    """Load the test organisation with a secretary in LokalMED Skole."""
    return factories.load_org(session, MEETING_ORG)


def plan(days: int = 0, **times) -> Meeting:
    """Plan a meeting of LokalMED Skole; today's began at midnight unless other times are given."""
    times = times or (BEGUN if days == 0 else {"start_time": "14:00", "end_time": "16:00"})
    return planning.create_meeting(db.session, person("sonja"), "lok-skole",
                                   planning.MeetingPlan(date=in_days(days), place="Mødelokale 2", **times))


def schedule(app, case_id: int, meeting: Meeting, **extra) -> Case:
    case = db.session.get(Case, case_id)
    return case_service.fire_event(db.session, engines(app), person("sonja"), case_id, "schedule",
                                   case.version, {"meeting": str(meeting.id), **extra})


def case_item(meeting_id: int, case_id: int) -> MeetingItem:
    return next(i for i in db.session.get(Meeting, meeting_id).items if i.case_id == case_id)


def version(meeting_id: int) -> int:
    return db.session.get(Meeting, meeting_id).version


def test_a_decision_or_approval_before_the_meeting_starts_is_refused_but_notes_are_kept(app, morg, session):
    meeting = plan(7)
    case_id = accepted_case(app)
    schedule(app, case_id, meeting)
    item = case_item(meeting.id, case_id)
    with pytest.raises(NotPossible, match="has not begun"):
        minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version, "Svar.",
                               "resolve", {"answer": "Ja."})
    with pytest.raises(NotPossible, match="has not begun"):
        minutes.approve(session, engines(app), person("lene"), meeting.id, version(meeting.id))
    minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version, "Forberedte noter.")
    at_start = timing.starts_at(meeting)
    minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version, "Besluttet.",
                           "resolve", {"answer": "Ja."}, now=at_start)
    assert session.get(Case, case_id).state == "resolved"


def test_a_meeting_is_held_only_once_it_has_ended(app, morg, session):
    meeting = plan(0, start_time="00:00", end_time="23:59")
    start, end = timing.starts_at(meeting), timing.ends_at(meeting)
    assert start.tzinfo is not None and (end - start) == timedelta(hours=23, minutes=59)
    assert not timing.has_taken_place(meeting, end - timedelta(minutes=1))
    assert timing.has_taken_place(meeting, end) and timing.has_started(meeting, start)
    assert not timing.has_started(meeting, start - timedelta(seconds=1))


def test_minutes_are_a_draft_until_chair_and_vice_chair_have_approved_with_name_and_time(app, morg, session):
    meeting = plan()
    free = agenda.add_free_item(session, person("sonja"), meeting.id, meeting.version, "Trivsel")
    now = datetime.now(UTC)
    minutes.approve(session, engines(app), person("lene"), meeting.id, version(meeting.id), now=now)
    assert session.get(Meeting, meeting.id).approved_at is None
    with pytest.raises(NotPossible, match="approved these minutes already"):
        minutes.approve(session, engines(app), person("lene"), meeting.id, version(meeting.id))
    with pytest.raises(NotPossible, match="approval of the minutes has begun"):
        minutes.record_minutes(session, engines(app), person("sonja"), free.id, free.version, "Rettet.")
    approval.withdraw_approval(session, person("lene"), meeting.id, version(meeting.id))
    minutes.record_minutes(session, engines(app), person("sonja"), free.id, free.version, "Rettet.")
    for who in ("tove", "lene"):
        minutes.approve(session, engines(app), person(who), meeting.id, version(meeting.id), now=now)
    done = session.get(Meeting, meeting.id)
    assert [(a.side, a.person.name) for a in done.approvals] == [
        ("vice_chair", "Tove TR"), ("chair", "Lene Leder")]
    assert done.approved_at == now and done.approved_by.name == "Lene Leder"
    with pytest.raises(NotPossible, match="approved"):
        approval.withdraw_approval(session, person("tove"), meeting.id, version(meeting.id))


def test_one_approver_by_configuration_and_where_there_is_no_vice_chair(app, morg, session):
    meeting = plan()
    minutes.approve(session, engines(app), person("lene"), meeting.id, meeting.version,
                    one_approver="lok-skole")
    assert session.get(Meeting, meeting.id).approved_at is not None
    dora = planning.create_meeting(session, person("dora"), "lok-dagtilbud",
                                   planning.MeetingPlan(date=in_days(0), **BEGUN))
    minutes.approve(session, engines(app), person("dora"), dora.id, dora.version)  # no vice chair there
    assert session.get(Meeting, dora.id).approved_at is not None
    assert approval.one_approver("any", "*") and not approval.one_approver("lok-skole", "kommunemed, omr-born")
    with pytest.raises(NotAllowed):
        minutes.approve(session, engines(app), person("sonja"), plan().id, version(plan().id))


def test_a_new_agenda_has_the_standing_items_and_a_committee_edits_its_list(app, morg, session):
    meeting = plan()
    case_id = accepted_case(app)
    schedule(app, case_id, meeting)
    titles = [i.title for i in session.get(Meeting, meeting.id).items][:-1]
    assert titles == ["Godkendelse af dagsorden", "Godkendelse af referat fra sidste møde", "Meddelelser",
                      "Nye stole i personalerummet", "Eventuelt"]
    standing_edit.set_standing_items(session, person("lene"), "lok-skole",
                                "Godkendelse af dagsorden\n\nNyt fra AMR", "Eventuelt\nNæste møde")
    kinds = [(i.kind, i.title) for i in plan(7).items]
    assert kinds == [("standing", "Godkendelse af dagsorden"), ("standing", "Nyt fra AMR"),
                     ("closing", "Eventuelt"), ("closing", "Næste møde"),
                     ("communication", planning.COMMUNICATION_TITLE)]
    with pytest.raises(Invalid, match="at least one"):
        standing_edit.set_standing_items(session, person("lene"), "lok-skole", " ", "")
    with pytest.raises(NotAllowed):
        standing_edit.set_standing_items(session, person("sara"), "lok-skole", "Mit punkt", "")
    standing_item = session.get(Meeting, meeting.id).items[0]
    agenda.remove_item(session, person("sonja"), standing_item.id, version(meeting.id))
    assert "Godkendelse af dagsorden" not in [i.title for i in session.get(Meeting, meeting.id).items]


def test_attendance_records_present_apologies_and_the_minute_taker(app, morg, session):
    meeting = plan()
    attendance.record_attendance(session, person("sonja"), meeting.id, meeting.version,
                                 ["lene@example.dk", "TOVE@example.dk"], ["sara@example.dk"],
                                 "sonja@example.dk")
    lists = attendance.attendance_lists(session.get(Meeting, meeting.id))
    assert [p.name for p in lists["present"]] == ["Lene Leder", "Tove TR"]
    assert [p.name for p in lists["apologies"]] == ["Sara Medlem"]
    assert session.get(Meeting, meeting.id).minute_taker.email == "sonja@example.dk"
    exported = export_person(session, person("sara"))["meeting_attendance"]
    assert [(a["meeting_id"], a["present"]) for a in exported] == [(meeting.id, False)]
    attendance.record_attendance(session, person("sonja"), meeting.id, version(meeting.id),
                                 ["lene@example.dk"], [], None)  # recorded again: replaces the first
    assert [(a.person.email, a.present) for a in session.get(Meeting, meeting.id).attendance] == [
        ("lene@example.dk", True)]
    with pytest.raises(Invalid, match="not a member"):
        attendance.record_attendance(session, person("sonja"), meeting.id, version(meeting.id),
                                     ["peter@example.dk"], [], None)
    with pytest.raises(Invalid, match="both present and absent"):
        attendance.record_attendance(session, person("sonja"), meeting.id, version(meeting.id),
                                     ["sara@example.dk"], ["sara@example.dk"], None)
    with pytest.raises(NotAllowed):
        attendance.record_attendance(session, person("sara"), meeting.id, version(meeting.id), [], [], None)


def test_a_case_leaves_a_published_agenda_only_when_confirmed_and_both_agendas_say_so(app, morg, session):
    first, second = plan(7), plan(21)
    case_id = accepted_case(app)
    schedule(app, case_id, first)
    agenda.publish_agenda(session, person("sonja"), first.id, version(first.id))
    with pytest.raises(NotPossible, match="published agenda"):
        schedule(app, case_id, second)
    assert case_item(first.id, case_id).kind == "case"
    schedule(app, case_id, second, confirm_move="1")
    session.expire_all()
    left, arrived = case_item(first.id, case_id), case_item(second.id, case_id)
    assert (left.kind, left.moved_to_id) == ("moved", second.id)
    assert (arrived.kind, arrived.moved_from_id) == ("case", first.id)
    assert session.get(Case, case_id).meeting_date == second.date
    assert "confirm_move" not in session.get(Case, case_id).history[-1].data


def test_a_case_moved_off_a_published_agenda_to_a_bare_date_names_its_new_meeting(app, morg, session):
    first = plan(7)
    case_id = accepted_case(app)
    schedule(app, case_id, first)
    agenda.publish_agenda(session, person("sonja"), first.id, version(first.id))
    case = session.get(Case, case_id)
    day = in_days(30)
    case_service.fire_event(session, engines(app), person("sonja"), case_id, "schedule", case.version,
                            {"meeting_date": day.isoformat(), "confirm_move": "1"})
    session.expire_all()
    planned = session.scalar(select(Meeting).where(Meeting.date == day))
    left, arrived = case_item(first.id, case_id), case_item(planned.id, case_id)
    assert (left.kind, left.moved_to_id) == ("moved", planned.id)
    assert (arrived.kind, arrived.moved_from_id) == ("case", first.id)
    assert [i.kind for i in planned.items][-1] == "communication"


def test_a_case_is_taken_off_the_agenda_by_its_event_and_a_published_agenda_says_so(app, morg, session):
    quiet, published = plan(7), plan(14)
    one, two = accepted_case(app, "Stole"), accepted_case(app, "Støj")
    schedule(app, one, quiet)
    schedule(app, two, published)
    agenda.publish_agenda(session, person("sonja"), published.id, version(published.id))
    for case_id in (one, two):
        case = session.get(Case, case_id)
        case_service.fire_event(session, engines(app), person("sonja"), case_id, "unschedule", case.version, {})
    session.expire_all()
    for case_id in (one, two):
        case = session.get(Case, case_id)
        assert (case.state, case.meeting_date, case.history[-1].event) == ("accepted", None, "unschedule")
    assert one not in [i.case_id for i in session.get(Meeting, quiet.id).items]
    gone = case_item(published.id, two)
    assert (gone.kind, gone.moved_to_id) == ("moved", None)
    assert agenda.schedulable_cases(session, session.get(Meeting, published.id), engines(app))[-1].id == two


def test_a_work_environment_case_is_taken_off_only_while_it_is_on_an_agenda(app, morg, session):
    meeting = plan(7)
    new = case_service.NewCase(workflow="work_environment", title="Træk i klasselokalet",
                               description="Koldt.", extra={"category": "physical", "location": "Lokale 3",
                                                            "what_happened": "Træk"})
    case = case_service.submit_case(session, engines(app), person("anna"), new)
    case = case_service.fire_event(session, engines(app), person("lene"), case.id, "accept", case.version, {})
    assert "unschedule" not in case_service.allowed_actions(session, engines(app), person("lene"), case)
    case = schedule(app, case.id, meeting)
    assert "unschedule" in case_service.allowed_actions(session, engines(app), person("lene"), case)
    lene = person("lene")
    case = case_service.fire_event(session, engines(app), lene, case.id, "unschedule", case.version, {})
    assert (case.state, case.meeting_date) == ("accepted", None)
    assert session.scalar(select(MeetingItem.id).where(MeetingItem.case_id == case.id)) is None
