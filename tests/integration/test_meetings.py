"""Meetings through the services: plan, agenda, minutes that decide cases, approval, roll-over, refusals."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medflow.domain import calendar
from medflow.domain.errors import Invalid, NotAllowed, NotPossible, StaleVersion
from medflow.extensions import db
from medflow.persistence.models import Case, Meeting, MeetingItem, Notification, SentReminder
from medflow.services import cases as case_service
from medflow.services.meetings import agenda, communication, minutes, planning
from medflow.services.sweep import sweep
from tests import factories
from tests.meeting_helpers import (
    BEGUN,
    MEETING_ORG,
    accepted_case,
    approve_both,
    due_in_days,
    engines,
    in_days,
    morning,
    person,
)


@pytest.fixture
def morg(app, session):
    """Load the test organisation with a secretary in LokalMED Skole."""
    return factories.load_org(session, MEETING_ORG)


def plan(days: int = 0, **extra) -> Meeting:
    """Plan a meeting of LokalMED Skole `days` from today; today's has begun (decisions are possible)."""
    times = BEGUN if days == 0 else {"start_time": "14:00", "end_time": "16:00"}
    return planning.create_meeting(db.session, person("sonja"), "lok-skole", planning.MeetingPlan(
        date=in_days(days), place="Mødelokale 2", **times, **extra))


def schedule(app, case_id: int, meeting: Meeting) -> Case:
    case = db.session.get(Case, case_id)
    return case_service.fire_event(db.session, engines(app), person("sonja"), case_id, "schedule",
                                   case.version, {"meeting": str(meeting.id)})


def item_of(meeting: Meeting, case_id: int) -> MeetingItem:
    return next(i for i in meeting.items if i.case_id == case_id)


def test_meeting_from_plan_to_approved_minutes_resolves_one_case_and_forwards_another(app, morg, session):
    meeting = plan()
    first, second = accepted_case(app, "Nye stole"), accepted_case(app, "Støj i kantinen")
    schedule(app, first, meeting)
    schedule(app, second, meeting)
    assert [i.kind for i in meeting.items] == ["standing"] * 3 + ["case", "case", "closing", "communication"]
    assert [i.title for i in meeting.items if i.kind in ("standing", "closing")] == [
        "Godkendelse af dagsorden", "Godkendelse af referat fra sidste møde", "Meddelelser", "Eventuelt"]
    assert session.get(Case, first).meeting_date == meeting.date
    sonja = person("sonja")
    one = item_of(meeting, first)
    minutes.record_minutes(session, engines(app), sonja, one.id, one.version, "Stolene udskiftes i marts.",
                           "resolve", {"answer": "Nye stole bestilles til marts.", "outcome": "decision"})
    two = item_of(meeting, second)
    minutes.record_minutes(session, engines(app), sonja, two.id, two.version, "Sagen går videre til området.",
                           "forward", {})
    resolved, forwarded = session.get(Case, first), session.get(Case, second)
    assert (resolved.state, resolved.data["answer"]) == ("resolved", "Nye stole bestilles til marts.")
    assert (forwarded.state, forwarded.holder.key) == ("submitted", "omr-born")
    assert forwarded.history[-1].comment == "Sagen går videre til området."
    assert forwarded.history[-1].actor_id == sonja.id
    minutes.approve(session, engines(app), person("lene"), meeting.id, meeting.version)
    assert meeting.approved_at is None and [a.side for a in meeting.approvals] == ["chair"]
    minutes.approve(session, engines(app), person("tove"), meeting.id, meeting.version)
    assert meeting.approved_at is not None and meeting.approved_by_id == person("lene").id
    told = session.scalar(select(func.count()).select_from(Notification).where(
        Notification.meeting_id == meeting.id, Notification.kind == "minutes_approved"))
    assert told == 4  # lene, sara, amir, sonja (not tove, whose approval completed them)


def test_postponed_item_rolls_over_to_the_next_meeting_when_minutes_are_approved(app, morg, session):
    meeting, later = plan(), plan(35)
    case_id = accepted_case(app)
    schedule(app, case_id, meeting)
    item = item_of(meeting, case_id)
    minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version,
                           "Vi mangler et tilbud.", "postponed")
    approve_both(app, meeting.id)
    session.expire_all()
    case = session.get(Case, case_id)
    assert case.state == "scheduled" and case.meeting_date == later.date
    assert [i.case_id for i in session.get(Meeting, later.id).items if i.kind == "case"] == [case_id]
    assert (case.history[-1].event, case.history[-1].data["meeting"]) == ("schedule", str(later.id))


def test_undecided_item_without_a_next_meeting_gets_one_four_weeks_later(app, morg, session):
    meeting = plan()
    case_id = accepted_case(app)
    schedule(app, case_id, meeting)
    approve_both(app, meeting.id)
    session.expire_all()
    assert session.get(Case, case_id).meeting_date == meeting.date + timedelta(days=28)


def test_communication_task_reminds_its_owner_once_and_its_story_is_news(app, morg, session):
    meeting = plan()
    line = communication.add_line(session, person("sonja"), meeting.id, meeting.version, communication.NewLine(
        what="Nye stole fra marts", audience="employees", channel="newsletter", owner="sara@example.dk",
        due_date=due_in_days(14, before=2).isoformat(), story_title="Nye stole på skolen",
        story_text="LokalMED Skole har besluttet nye stole."))
    assert communication.stories(session) == []  # not before approval
    minutes.approve(session, engines(app), person("lene"), meeting.id, meeting.version)
    assert communication.stories(session) == []  # nor before both sides have approved
    minutes.approve(session, engines(app), person("tove"), meeting.id, meeting.version)
    assert [s.story_title for s in communication.stories(session)] == ["Nye stole på skolen"]
    due = datetime.combine(line.due_date, time.min, UTC)
    assert sweep(session, engines(app), now=due - timedelta(days=5)).reminders == []
    first = sweep(session, engines(app), now=morning(line.due_date - timedelta(days=2)))
    again = sweep(session, engines(app), now=due + timedelta(days=1))
    assert first.reminders == [f"task:{line.id}:{line.due_date.isoformat()}"] and again.reminders == []
    notes = session.scalars(select(Notification).where(Notification.kind == "task_before")).all()
    assert [(n.person_id, n.meeting_id) for n in notes] == [(person("sara").id, meeting.id)]
    assert session.scalar(select(SentReminder.case_id).where(SentReminder.key.like("task:%"))) is None


def test_a_communication_task_is_due_from_the_kommunes_midnight_not_utcs(app, morg, session):
    due = calendar.working_day(due_in_days(14, before=2))  # a working day, so the sweep may send
    meeting = plan()
    line = communication.add_line(session, person("sonja"), meeting.id, meeting.version, communication.NewLine(
        what="Referat på intranettet", audience="employees", channel="intranet", owner="sara@example.dk",
        due_date=due.isoformat()))
    minutes.approve(session, engines(app), person("lene"), meeting.id, meeting.version)
    minutes.approve(session, engines(app), person("tove"), meeting.id, meeting.version)
    calendar.set_working_hours(0, 24)  # a kommune that lets the sweep send at night
    try:
        half_past_midnight = calendar.start_of_day(due) + timedelta(minutes=30)  # still the day before in UTC
        assert sweep(session, engines(app), now=half_past_midnight).reminders == [f"task:{line.id}:{due}"]
    finally:
        calendar.set_working_hours(*calendar.DEFAULT_HOURS)
    kinds = session.scalars(select(Notification.kind).where(Notification.kind.like("task_%"))).all()
    assert kinds == ["task_due"]


def test_two_secretaries_recording_the_same_item_one_wins_the_other_gets_409(app, morg, session):
    meeting = plan()
    case_id = accepted_case(app)
    schedule(app, case_id, meeting)
    item_id = item_of(meeting, case_id).id
    with Session(db.engine) as other:
        stale = other.get(MeetingItem, item_id)
        minutes.record_minutes(session, engines(app), person("sonja"), item_id, 1, "Første referat.")
        with pytest.raises(StaleVersion):
            minutes.record_minutes(other, engines(app), other.get(type(person("tove")), person("tove").id),
                                   item_id, stale.version, "Andet referat.", "resolve", {"answer": "Ja."})
    session.expire_all()
    item, case = session.get(MeetingItem, item_id), session.get(Case, case_id)
    assert (item.minutes, item.decision, case.state) == ("Første referat.", None, "scheduled")


def test_a_decision_on_a_case_that_moved_since_the_agenda_was_made_is_409_with_its_state(app, morg, session):
    meeting = plan()
    case_id = accepted_case(app)
    case = schedule(app, case_id, meeting)
    case_service.fire_event(session, engines(app), person("lene"), case_id, "forward", case.version,
                            {"comment": "Hører til området."})
    item = item_of(meeting, case_id)
    with pytest.raises(NotPossible) as refused:
        minutes.record_minutes(session, engines(app), person("tove"), item.id, item.version, "Svar.",
                               "resolve", {"answer": "Ja."})
    assert "it is now Ny at OmrådeMED Børn og Unge" in str(refused.value)  # a label, never the key
    session.expire_all()
    assert session.get(MeetingItem, item.id).minutes == ""


@pytest.mark.parametrize("fields, message", [
    ({"date": in_days(-1).isoformat()}, "date must not be in the past"),
    ({"date": in_days(3).isoformat(), "start_time": "15:00", "end_time": "14:00"}, "end_time must be after"),
    ({"date": "i morgen"}, "date must be a date"),
])
def test_bad_meeting_plans_are_refused_naming_the_field(app, morg, session, fields, message):
    with pytest.raises(Invalid, match=message):
        planning.create_meeting(session, person("sonja"), "lok-skole", planning.MeetingPlan(**fields))
    assert session.scalar(select(func.count()).select_from(Meeting)) == 0


def test_a_member_may_not_plan_and_only_the_chair_and_vice_chair_approve(app, morg, session):
    with pytest.raises(NotAllowed):
        planning.create_meeting(session, person("sara"), "lok-skole", planning.MeetingPlan(date=in_days(3)))
    meeting = plan()
    for who in ("sonja", "sara"):
        with pytest.raises(NotAllowed):
            minutes.approve(session, engines(app), person(who), meeting.id, meeting.version)


def test_an_item_for_another_committees_case_is_refused(app, morg, session):
    other = planning.create_meeting(session, person("dora"), "lok-dagtilbud",
                                    planning.MeetingPlan(date=in_days(5)))
    case_id = accepted_case(app)
    with pytest.raises(Invalid, match="LokalMED Skole"):
        schedule(app, case_id, other)
    assert session.get(Case, case_id).state == "accepted"


def test_a_meeting_with_items_cannot_be_deleted_and_approved_minutes_cannot_change(app, morg, session):
    meeting = plan()
    agenda.add_free_item(session, person("sonja"), meeting.id, meeting.version, "Trivselsmåling 2026")
    with pytest.raises(NotPossible, match="cannot be deleted"):
        planning.delete_meeting(session, person("sonja"), meeting.id, meeting.version)
    approve_both(app, meeting.id)
    with pytest.raises(NotPossible, match="approved"):
        agenda.add_free_item(session, person("sonja"), meeting.id, meeting.version, "For sent")
    item = meeting.items[0]
    with pytest.raises(NotPossible, match="approved"):
        minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version, "Rettelse")
    addendum = minutes.add_addendum(session, person("sonja"), meeting.id, "Rettelse: mødet sluttede 15.30.")
    assert addendum.created_at is not None and session.get(Meeting, meeting.id).items[0].minutes == ""


def test_a_meeting_planned_by_mistake_and_moved_can_still_be_deleted_with_its_notifications(app, morg, session):
    meeting = plan()
    moved = planning.move_meeting(session, person("sonja"), meeting.id, meeting.version,
                                  planning.MeetingPlan(date=in_days(9)))
    assert session.scalars(select(Notification.kind).where(Notification.meeting_id == meeting.id)).all()
    planning.delete_meeting(session, person("sonja"), meeting.id, moved.version)
    session.expire_all()
    assert session.get(Meeting, meeting.id) is None
    assert session.scalars(select(Notification).where(Notification.meeting_id == meeting.id)).all() == []


def test_minutes_saved_by_someone_who_read_the_meeting_before_it_was_approved_are_refused(app, morg, session):
    meeting = plan()
    item_id = agenda.add_free_item(session, person("sonja"), meeting.id, meeting.version, "Trivsel").id
    with Session(db.engine) as other:
        tove = other.get(type(person("tove")), person("tove").id)
        stale = other.get(MeetingItem, item_id)
        assert stale.meeting.approved_at is None  # she has the open meeting in front of her
        approve_both(app, meeting.id)
        with pytest.raises(NotPossible, match="approved"):
            minutes.record_minutes(other, engines(app), tove, item_id, stale.version, "For sent.")
    session.expire_all()
    assert session.get(MeetingItem, item_id).minutes == ""


def test_moving_a_meeting_gives_its_cases_the_new_date_and_they_can_still_be_decided(app, morg, session):
    meeting = plan(7)
    case_id = accepted_case(app)
    schedule(app, case_id, meeting)
    planning.move_meeting(session, person("sonja"), meeting.id, meeting.version,
                          planning.MeetingPlan(date=in_days(0), **BEGUN), engines=engines(app))
    session.expire_all()
    case = session.get(Case, case_id)
    assert case.meeting_date == in_days(0) and case.history[-1].event == "schedule"
    item = item_of(session.get(Meeting, meeting.id), case_id)
    minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version, "Besvaret.",
                           "resolve", {"answer": "Ja."})
    assert session.get(Case, case_id).state == "resolved"


def test_scheduling_a_case_for_another_meeting_takes_it_off_the_first_agenda(app, morg, session):
    first, second = plan(7), plan(21)
    case_id = accepted_case(app)
    schedule(app, case_id, first)
    schedule(app, case_id, second)
    session.expire_all()
    assert [i.kind for i in session.get(Meeting, first.id).items if i.case_id] == []  # not published: gone
    assert [i.case_id for i in session.get(Meeting, second.id).items if i.case_id] == [case_id]
    assert session.get(Case, case_id).meeting_date == second.date


def test_a_recorded_decision_stays_while_its_minutes_text_can_still_be_corrected(app, morg, session):
    meeting = plan()
    case_id = accepted_case(app)
    schedule(app, case_id, meeting)
    item = item_of(meeting, case_id)
    minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version, "Besvaret.",
                           "resolve", {"answer": "Ja."})
    minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version,
                           "Besvaret; stole i marts.")
    with pytest.raises(NotPossible, match="recorded"):
        minutes.record_minutes(session, engines(app), person("sonja"), item.id, item.version, "Nej",
                               "postponed")
    session.expire_all()
    item = session.get(MeetingItem, item.id)
    assert (item.minutes, item.decision, item.decision_data["answer"]) == (
        "Besvaret; stole i marts.", "resolve", "Ja.")
    assert [e.event for e in session.get(Case, case_id).history].count("resolve") == 1
