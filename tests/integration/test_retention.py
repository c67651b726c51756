"""Retention: closed cases are anonymised after RETENTION_DAYS by the sweep; statistics stay."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select, text

from medflow.cli import cli
from medflow.domain.errors import NotPossible
from medflow.extensions import db
from medflow.persistence.models import (
    ActionItem,
    Base,
    Case,
    GuidelineChange,
    Meeting,
    MeetingItem,
    Notification,
    Person,
)
from medflow.services import cases as case_service
from medflow.services import system_changes
from medflow.services.sweep import sweep

T0 = datetime(2019, 3, 4, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=1826 + 3)  # the first cases have been closed for more than five years
FREE_TEXT = ("Støj i kantinen", "Larmen fra opvasken", "lyddæmpende plader", "Målt 80 dB",
             "Køkkenet", "Tallerkener", "Lone fra køkkenet", "Ny måling", "Gammelt køkken")


def _person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def _fire(app, who: str, case_id: int, event: str, when: datetime, **fields) -> None:
    case = db.session.get(Case, case_id)
    case_service.fire_event(db.session, app.extensions["medflow.engines"], _person(f"{who}@example.dk"),
                            case_id, event, case.version, fields, now=when)


def _submit(app, workflow: str, title: str, when: datetime, **extra) -> int:
    new = case_service.NewCase(workflow=workflow, title=title, description="Larmen fra opvasken er slem.",
                               extra=extra)
    anna = _person("anna@example.dk")
    return case_service.submit_case(db.session, app.extensions["medflow.engines"], anna, new, now=when).id


def _on_a_meeting(case_id: int) -> None:
    """Put the case on a LokalMED meeting with its title, minutes and answer copied, as the agenda does."""
    case = db.session.get(Case, case_id)
    meeting = Meeting(committee_id=case.holder_id, date=(T0 + timedelta(days=2)).date(), start_time=time(14),
                      end_time=time(16))
    meeting.items.append(MeetingItem(position=1, kind="case", case_id=case_id, title=case.title,
                                     minutes="Målt 80 dB i Køkkenet", decision="resolve",
                                     decision_data={"answer": "Vi sætter lyddæmpende plader op.",
                                                    "outcome": "decision"}))
    db.session.add(meeting)
    db.session.commit()


@pytest.fixture
def cases(app, org, session) -> dict[str, int]:
    """An answered question and a closed work-environment case from 2019, one open, one closed lately."""
    day = timedelta(days=1)
    question = _submit(app, "question", "Støj i kantinen", T0)
    _fire(app, "lene", question, "accept", T0 + day)
    _fire(app, "lene", question, "resolve", T0 + 2 * day, answer="Vi sætter lyddæmpende plader op.",
          outcome="decision", comment="Målt 80 dB")
    work = _submit(app, "work_environment", "Gammelt køkken", T0, category="physical", location="Køkkenet",
                   what_happened="Tallerkener faldt ned")
    _fire(app, "lene", work, "accept", T0 + day)
    _fire(app, "lene", work, "assess", T0 + day, risk_level="medium", comment="Målt 80 dB")
    _fire(app, "lene", work, "plan", T0 + day, problem="Støj i kantinen", solution="lyddæmpende plader",
          owner="Lone fra køkkenet", due_date="2019-04-01", effect_check="Ny måling")
    _fire(app, "lene", work, "resolve", T0 + 2 * day, answer="Vi sætter lyddæmpende plader op.")
    _on_a_meeting(question)
    db.session.add(GuidelineChange(case_id=question, status="withdrawn", effective_on=(T0 + 3 * day).date(),
                                   note="Lone fra køkkenet bad om det"))  # a keeper's note names someone
    db.session.commit()
    still_open = _submit(app, "question", "Støj i kantinen", T0)
    recent = _submit(app, "question", "Støj i kantinen", LATER - 10 * day)
    _fire(app, "anna", recent, "withdraw", LATER - 9 * day)
    return {"question": question, "work": work, "open": still_open, "recent": recent}


def _raw_rows(case_id: int) -> str:
    """Return every stored row that belongs to the case, as text (what a DBA would see)."""
    tables = [t.name for t in Base.metadata.sorted_tables if "case_id" in t.columns]  # every copy
    assert "meeting_items" in tables
    queries = ["SELECT * FROM cases WHERE id = :c"] + [f"SELECT * FROM {t} WHERE case_id = :c" for t in tables]
    return " ".join(str(db.session.execute(text(q), {"c": case_id}).all()) for q in queries)


def test_sweep_anonymises_old_closed_cases_and_keeps_what_statistics_need(app, cases, session):
    before = {k: (c.state, c.holder_id, c.origin_id, c.topic, c.workflow, c.created_at, c.closed_at)
              for k, c in ((k, session.get(Case, i)) for k, i in cases.items())}
    assert any(word in _raw_rows(cases["work"]) for word in FREE_TEXT)
    report = sweep(session, app.extensions["medflow.engines"], now=LATER)
    assert sorted(report.anonymised) == sorted([cases["question"], cases["work"]])
    anna = _person("anna@example.dk").id
    for key in ("question", "work"):
        session.expire_all()
        case = session.get(Case, cases[key])
        raw = _raw_rows(case.id)
        assert [word for word in FREE_TEXT if word in raw] == []
        assert (case.state, case.holder_id, case.origin_id, case.topic, case.workflow, case.created_at,
                case.closed_at) == before[key]
        assert (case.title, case.description, case.submitter_id, case.anonymised_at) == ("", "", None, LATER)
        assert anna not in {e.actor_id for e in case.history}
        assert session.scalar(select(Notification.id).where(Notification.case_id == case.id,
                                                            Notification.person_id == anna)) is None
        last = case.history[-1]
        assert (last.event, last.actor_id, last.from_state, last.to_state, last.data) == (
            "anonymise", None, case.state, case.state, {"retention_days": 1826})
        assert (last.to_committee_id, case.history[-2].to_state) == (case.holder_id, case.state)  # replay
    assert session.get(Case, cases["question"]).data == {"outcome": "decision"}
    work = session.get(Case, cases["work"])
    assert work.data["category"] == "physical" and "location" not in work.data
    item = session.scalar(select(ActionItem).where(ActionItem.case_id == work.id))
    assert (item.problem, item.owner, item.due_date.isoformat()) == ("", "", "2019-04-01")
    for key in ("open", "recent"):
        assert session.get(Case, cases[key]).title == "Støj i kantinen"
    assert sweep(session, app.extensions["medflow.engines"], now=LATER + timedelta(hours=1)).anonymised == []


def test_an_anonymised_case_takes_no_more_events(app, cases, session):
    sweep(session, app.extensions["medflow.engines"], now=LATER)
    with pytest.raises(NotPossible):
        _fire(app, "lene", cases["question"], "reopen", LATER, comment="Igen")


def test_retention_dry_run_lists_and_changes_nothing_then_the_command_anonymises(app, cases):
    runner = app.test_cli_runner()
    dry = runner.invoke(cli, ["retention", "--dry-run", "--now", LATER.isoformat()])
    assert dry.exit_code == 0, dry.output
    assert f"#{cases['question']}\tquestion\tresolved\tclosed 2019-03-06\tLokalMED Skole" in dry.output
    assert "2 case(s) would be anonymised" in dry.output and "Nothing was changed" in dry.output
    with app.app_context():
        assert db.session.get(Case, cases["question"]).anonymised_at is None
        db.session.remove()
    done = runner.invoke(cli, ["retention", "--now", LATER.isoformat()])
    assert "Anonymised 2 case(s)" in done.output
    swept = runner.invoke(cli, ["sweep", "--now", LATER.isoformat()])
    assert "Retention: 0 closed case(s) anonymised." in swept.output


def test_retention_days_comes_from_the_configuration(app, cases):
    app.config["RETENTION_DAYS"] = 5
    result = app.test_cli_runner().invoke(cli, ["retention", "--dry-run", "--now", LATER.isoformat()])
    assert "3 case(s) would be anonymised" in result.output and "RETENTION_DAYS=5" in result.output


@pytest.mark.parametrize("raw", ["abc", "0", "-5", "1.5"])
def test_a_bad_retention_setting_stops_the_app_naming_the_variable(monkeypatch, raw):
    from medflow import create_app

    monkeypatch.setenv("RETENTION_DAYS", raw)
    with pytest.raises(ValueError, match="RETENTION_DAYS must be a whole number of days"):
        create_app({"TESTING": True})


def test_the_retention_period_defaults_to_five_years(monkeypatch):
    from medflow import create_app

    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    assert create_app({"TESTING": True}).config["RETENTION_DAYS"] == 1826


def test_only_a_closed_case_is_anonymised_and_only_once(app, cases, session):
    from medflow.services.privacy.retention import scrub

    for key in ("open", "question"):
        case = session.get(Case, cases[key])
        if key == "question":
            system_changes.anonymise_case(session, case.id, case.version, scrub=scrub, data={}, now=LATER)
        with pytest.raises(NotPossible):
            system_changes.anonymise_case(session, case.id, case.version, scrub=scrub, data={}, now=LATER)
    assert session.get(Case, cases["open"]).title == "Støj i kantinen"
