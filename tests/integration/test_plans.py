"""Strategy plans on both databases: import, export round trip, status history, links seen as allowed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from medflow.domain.errors import DefinitionError, Invalid, NotAllowed
from medflow.persistence.models import Case, Committee, Goal, Person
from medflow.services.plans import access, editing, links
from medflow.services.plans.files import check_plan, export_plan, import_plan
from medflow.services.plans.views import links_for, load_plan, plan_view

PLANS = Path(__file__).resolve().parents[2] / "workflows" / "plans"


def _person(session, name: str) -> Person:
    return session.scalar(select(Person).where(Person.email == f"{name}@example.dk"))


def _committee(session, key: str) -> Committee:
    return session.scalar(select(Committee).where(Committee.key == key))


def _import(session, name: str, key: str | None = None):
    path = PLANS / name
    spec, committee = check_plan(session, path.read_text(encoding="utf-8"), str(path), key)
    return import_plan(session, spec, committee)


def _case(session, title: str, holder: str, confidential: bool = False) -> Case:
    committee = _committee(session, holder)
    case = Case(
        workflow="question",
        title=title,
        state="new",
        holder=committee,
        origin=committee,
        confidential=confidential,
        submitter=_person(session, "anna"),
    )
    session.add(case)
    session.commit()
    return case


def test_both_shipped_plans_import_and_an_export_imports_back_to_the_same_plan(session, org):
    kommune = _import(session, "kommunemed-2013-2014.yaml")
    hoved = _import(session, "hovedudvalg.yaml", "omr-born")
    assert (kommune.committee.key, kommune.years) == ("kommunemed", (2013, 2014))
    assert [len(s.initiatives) for s in kommune.subjects] == [3, 3, 3]
    first = kommune.subjects[0]
    assert first.initiatives[0].period_texts == ["4. kvt. 2013", "1. kvt. 2014"]
    assert [g.subject_id for g in first.goals] == [first.id, first.id]  # the shared goals table
    assert session.scalar(select(Goal).where(Goal.subject_id == first.id)).committee.key == "kommunemed"
    assert hoved.committee.key == "omr-born" and hoved.years is None
    exported = export_plan(kommune)
    again = import_plan(
        session, *check_plan(session, exported.replace("kommunemed", "omr-aeldre", 1), "x.yaml")
    )
    assert export_plan(again) == exported.replace("kommunemed", "omr-aeldre", 1)


def test_an_import_for_a_missing_committee_or_twice_is_refused_and_writes_nothing(session, org):
    path = PLANS / "kommunemed-2013-2014.yaml"
    with pytest.raises(DefinitionError) as missing:
        check_plan(session, path.read_text(encoding="utf-8"), "k.yaml", "no-such")
    assert str(missing.value) == "k.yaml:1: plan: committee 'no-such' does not exist"
    _import(session, "kommunemed-2013-2014.yaml")
    with pytest.raises(DefinitionError) as twice:
        check_plan(session, path.read_text(encoding="utf-8"), "k.yaml")
    assert "already has a plan titled" in str(twice.value)
    with pytest.raises(NotAllowed):
        spec, committee = check_plan(
            session, (PLANS / "hovedudvalg.yaml").read_text(encoding="utf-8"), "h.yaml", "kommunemed"
        )
        import_plan(session, spec, committee, _person(session, "anna"))


def test_an_initiatives_status_history_keeps_every_change_and_which_decision_it_waits_for(session, org):
    plan = _import(session, "kommunemed-2013-2014.yaml")
    kim, anna = _person(session, "kim"), _person(session, "anna")
    senior = plan.subjects[2].initiatives[2]
    editing.change_status(session, kim, senior, "under_way", "Arbejdsgruppen er nedsat")
    with pytest.raises(Invalid):
        editing.change_status(session, kim, senior, "waiting", "Afventer", "")
    editing.change_status(session, kim, senior, "waiting", "Sendt til udvalget", "Økonomiudvalgets beslutning")
    editing.change_status(session, kim, senior, "done", "Vedtaget")
    with pytest.raises(NotAllowed):
        editing.change_status(session, anna, senior, "dropped")
    with pytest.raises(Invalid):
        editing.change_status(session, kim, senior, "maybe")
    session.expire_all()
    assert [(n.status, n.decision, n.note) for n in senior.notes] == [
        ("planned", "", ""),
        ("under_way", "", "Arbejdsgruppen er nedsat"),
        ("waiting", "Økonomiudvalgets beslutning", "Sendt til udvalget"),
        ("done", "", "Vedtaget"),
    ]
    assert (senior.status, senior.decision) == ("done", "")


def test_officers_add_subjects_goals_and_initiatives_with_checked_periods(session, org):
    plan = _import(session, "kommunemed-2013-2014.yaml")
    kim = _person(session, "kim")
    subject = editing.add_subject(session, kim, plan, "Rekruttering", "Vi skal kunne tiltrække medarbejdere.")
    editing.add_goal(session, kim, subject, "Flere elever")
    item = editing.save_initiative(
        session, kim, subject, None, "Jobmesse", "3.-4. kvartal 2014; efterår 2014", "HR"
    )
    assert item.period_texts == ["3-4. kvt. 2014", "efterår 2014"]
    with pytest.raises(Invalid):
        editing.save_initiative(session, kim, subject, item, "Jobmesse", "sommer 2014", "HR")
    with pytest.raises(NotAllowed):
        editing.add_goal(session, _person(session, "ole"), subject, "Ikke hans")
    assert [s.title for s in load_plan(session, plan.id).subjects][-1] == "Rekruttering"


def test_the_timeline_figures_and_the_overdue_initiatives(session, org):
    plan = load_plan(session, _import(session, "kommunemed-2013-2014.yaml").id)
    view = plan_view(plan, date(2014, 4, 15))
    assert view.timeline.quarter_labels() == [f"{q}. kvt. {y}" for y in (2013, 2014) for q in range(1, 5)]
    rows = {view.numbers[r.key]: r for r in view.timeline.rows}
    assert rows["1.1"].active == (False, False, False, True, True, False, False, False)
    assert rows["2.3"].active == (False,) * 6 + (True, True)  # 3-4. kvt. 2014
    assert rows["3.1"].active == (True,) * 8  # hele planperioden
    overdue = {view.numbers[i] for i in view.overdue}
    assert overdue == {"1.1", "2.2", "3.2"}  # 1. kvt. 2014, 4. kvt. 2013, 1. kvt. 2014 ended
    assert not plan_view(plan, date(2013, 12, 1)).overdue


def test_plans_are_read_by_their_committee_and_those_below_and_links_hide_confidential_titles(session, org):
    kommune = _import(session, "kommunemed-2013-2014.yaml")
    _import(session, "hovedudvalg.yaml", "omr-aeldre")
    anna, peter, lene = _person(session, "anna"), _person(session, "peter"), _person(session, "lene")
    assert access.may_read(session, anna, _committee(session, "kommunemed"))  # from lok-skole, two levels below
    assert not access.may_read(session, anna, _committee(session, "omr-aeldre"))
    assert access.may_read(session, peter, _committee(session, "omr-aeldre"))
    assert not access.may_keep(session, anna, _committee(session, "kommunemed"))
    open_case = _case(session, "Nye stole i personalerummet", "lok-skole")
    secret = _case(session, "Sag om en bestemt medarbejder", "kommunemed", confidential=True)
    initiative = kommune.subjects[0].initiatives[0]
    with pytest.raises(NotAllowed):  # an officer links only what they may read in full
        links.link(session, _person(session, "ole"), initiative, "case", open_case.id)
    kim = _person(session, "kim")
    links.link(session, kim, initiative, "case", secret.id)
    links.link(session, _person(session, "admin"), initiative, "case", open_case.id)
    links.link(session, kim, initiative, "case", secret.id)  # once only
    assert len(initiative.links) == 2
    seen_by_kim = {(k.target_id, k.title) for k in links_for(session, kim, initiative)}
    assert (secret.id, "Sag om en bestemt medarbejder") in seen_by_kim
    seen_by_lene = {(k.target_id, k.title) for k in links_for(session, lene, initiative)}
    assert seen_by_lene == {(open_case.id, "Nye stole i personalerummet"), (secret.id, None)}


def test_the_committee_handling_a_case_tags_it_with_a_focus_area_of_a_plan_above(session, org):
    kommune = _import(session, "kommunemed-2013-2014.yaml")
    case = _case(session, "Stress i indskolingen", "lok-skole")
    subject = kommune.subjects[0]
    assert subject in links.focus_areas_for(session, case)
    links.tag_case(session, _person(session, "lene"), case.id, str(subject.id))
    assert session.get(Case, case.id).focus_area_id == subject.id
    with pytest.raises(NotAllowed):
        links.tag_case(session, _person(session, "anna"), case.id, "")
    with pytest.raises(Invalid):
        links.tag_case(session, _person(session, "lene"), case.id, "999999")


def test_a_status_change_goes_to_the_newsletter_through_the_next_meetings_communication_item(session, org):
    from datetime import time, timedelta

    from medflow.domain.errors import NotPossible
    from medflow.services.meetings.planning import new_meeting
    from medflow.services.plans import news

    plan = _import(session, "kommunemed-2013-2014.yaml")
    kim, today = _person(session, "kim"), date(2026, 12, 5)
    initiative = plan.subjects[2].initiatives[2]
    editing.change_status(session, kim, initiative, "waiting", "", "Økonomiudvalgets beslutning")
    with pytest.raises(NotPossible):
        news.tell_in_newsletter(session, kim, initiative, today, "Fortæl", "Seniorpolitik", "Venter")
    columns = {"start_time": time(9), "end_time": time(11)}
    new_meeting(session, plan.committee_id, {"date": today - timedelta(days=7), **columns})  # past
    coming = new_meeting(session, plan.committee_id, {"date": today + timedelta(days=14), **columns})
    session.commit()
    line = news.tell_in_newsletter(
        session,
        kim,
        initiative,
        today,
        "Fortæl om seniorpolitikken",
        "Seniorpolitikken venter på Økonomiudvalget",
        "Forslaget er sendt videre.",
    )
    assert line.item.meeting_id == coming.id and line.channel == "newsletter"
    assert (line.story_title, line.due_date) == (
        "Seniorpolitikken venter på Økonomiudvalget",
        coming.date + timedelta(days=7),
    )
    with pytest.raises(NotAllowed):
        news.tell_in_newsletter(session, _person(session, "anna"), initiative, today, "x", "y", "z")


def test_linked_cascades_and_meeting_items_show_only_what_the_reader_may_see(session, org):
    from datetime import time

    from medflow.persistence.models import Cascade, MeetingItem
    from medflow.services.meetings.planning import new_meeting

    plan = _import(session, "kommunemed-2013-2014.yaml")
    kim, anna = _person(session, "kim"), _person(session, "anna")
    committee = plan.committee
    sent = Cascade(
        committee=committee, publisher=kim, kind="task", title="Drøft stresspolitikken", body="Drøft"
    )
    internal = Cascade(
        committee=committee, publisher=kim, kind="information", title="Intern note", body="x", internal=True
    )
    meeting = new_meeting(
        session, committee.id, {"date": date(2026, 12, 10), "start_time": time(9), "end_time": time(11)}
    )
    item = MeetingItem(position=1, kind="free", title="Status på strategiplanen")
    meeting.items.insert(0, item)
    session.add_all([sent, internal])
    session.commit()
    initiative = plan.subjects[0].initiatives[0]
    for kind, target in (("cascade", sent.id), ("cascade", internal.id), ("meeting_item", item.id)):
        links.link(session, kim, initiative, kind, target)
    with pytest.raises(Invalid):
        links.link(session, kim, initiative, "meeting", item.id)
    by_kim = {(k.kind, k.title, k.url_id) for k in links_for(session, kim, initiative)}
    assert by_kim == {
        ("cascade", "Drøft stresspolitikken", sent.id),
        ("cascade", "Intern note", internal.id),
        ("meeting_item", "Status på strategiplanen", meeting.id),
    }
    by_anna = {(k.kind, k.title, k.url_id) for k in links_for(session, anna, initiative)}
    assert by_anna == {
        ("cascade", "Drøft stresspolitikken", None),
        ("cascade", None, None),
        ("meeting_item", None, None),
    }
