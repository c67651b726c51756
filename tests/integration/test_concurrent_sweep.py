"""Two sweeps at the same moment (threads behind a barrier, and two OS processes running
`medflow sweep`) send each reminder once, escalate each case once and anonymise each case once."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from medflow.extensions import db
from medflow.persistence.models import CaseEvent, Notification, Person, SentReminder
from medflow.services import cases as case_service
from medflow.services.sweep import sweep

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=15)  # the first cases are overdue, the later ones in the reminder window
OVERDUE, REMINDED, EXPIRED = 12, 12, 6
SIX_YEARS_AGO = T0 - timedelta(days=6 * 365)


def _withdrawn_long_ago(engines, anna: Person, n: int) -> None:
    """Submit a case six years ago and withdraw it at once, so the sweep anonymises it now."""
    new = case_service.NewCase(workflow="question", title=f"Gammelt spørgsmål {n}")
    case = case_service.submit_case(db.session, engines, anna, new, now=SIX_YEARS_AGO)
    case_service.fire_event(db.session, engines, anna, case.id, "withdraw", case.version, {},
                            now=SIX_YEARS_AGO + timedelta(hours=1))


def _submit_cases(app) -> tuple[list[int], list[int]]:
    """Submit cases to escalate, to remind and to anonymise at NOW; return the first two kinds."""
    engines = app.extensions["medflow.engines"]
    with app.app_context():
        anna = db.session.scalar(select(Person).where(Person.email == "anna@example.dk"))
        def submit(n: int, when: datetime) -> int:
            new = case_service.NewCase(workflow="question", title=f"Spørgsmål {n} om arbejdstid")
            return case_service.submit_case(db.session, engines, anna, new, now=when).id
        overdue = [submit(n, T0) for n in range(OVERDUE)]
        reminded = [submit(n, T0 + timedelta(days=2)) for n in range(REMINDED)]
        for n in range(EXPIRED):
            _withdrawn_long_ago(engines, anna, n)
    return overdue, reminded


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _assert_each_happened_once(app, overdue: list[int], reminded: list[int]) -> None:
    """Each overdue case has one forward and one set of escalation notices; each reminder went once."""
    with app.app_context():
        for case_id in overdue:
            assert _count(CaseEvent, CaseEvent.case_id == case_id, CaseEvent.event == "forward") == 1
            assert _count(Notification, Notification.case_id == case_id, Notification.kind == "escalate") == 6
        for case_id in reminded:
            assert _count(SentReminder, SentReminder.case_id == case_id) == 1
            assert _count(Notification, Notification.case_id == case_id,
                          Notification.kind == "reminder_before") == 4  # lene, tove, sara, amir
        anonymised = db.session.execute(select(CaseEvent.case_id, func.count()).where(
            CaseEvent.event == "anonymise").group_by(CaseEvent.case_id)).all()
        assert len(anonymised) == EXPIRED and {n for _, n in anonymised} == {1}
        db.session.remove()


def test_two_sweeps_in_threads_behind_a_barrier_do_everything_once(app, org):
    overdue, reminded = _submit_cases(app)
    barrier, reports, errors = threading.Barrier(2), [], []

    def run() -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=30)
                reports.append(sweep(db.session, app.extensions["medflow.engines"], now=NOW))
                db.session.remove()
        except Exception as exc:  # reported to the test below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(case for r in reports for case in r.escalated) == sorted(overdue)
    assert sum(len(r.reminders) for r in reports) == REMINDED
    assert sum(len(r.anonymised) for r in reports) == EXPIRED
    _assert_each_happened_once(app, overdue, reminded)


def run_sweep_command(url: str, barrier, results, now: datetime = NOW) -> None:
    """In a fresh process: wait for the other one, then run `medflow sweep --now NOW`."""
    os.environ["DATABASE_URL"] = url
    os.environ["MAIL_SERVER"] = ""
    from medflow.cli import cli

    out, code = io.StringIO(), 0
    barrier.wait(timeout=60)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            cli.main(["sweep", "--now", now.isoformat()], prog_name="medflow", standalone_mode=False)
        except SystemExit as exc:
            code = exc.code or 0
        except Exception as exc:  # the parent test shows what failed
            code, _ = 1, out.write(repr(exc))
    results.put((code, out.getvalue()))


def two_sweep_processes(url: str, now: datetime = NOW) -> list[tuple[int, str]]:
    """Run `medflow sweep --now` in two fresh processes released at the same moment; return (code, output)."""
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    processes = [spawn.Process(target=run_sweep_command, args=(url, barrier, results, now)) for _ in range(2)]
    for process in processes:
        process.start()
    outputs = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return outputs


def test_two_sweep_commands_in_two_processes_do_everything_once(app, org, database_url):
    overdue, reminded = _submit_cases(app)
    outputs = two_sweep_processes(database_url)
    assert [code for code, _ in outputs] == [0, 0], outputs
    assert all("Sweep:" in text for _, text in outputs), outputs
    _assert_each_happened_once(app, overdue, reminded)


def _communication_tasks(app, lines: int) -> datetime:
    """Approve a meeting with `lines` communication tasks all due the same day; return a working
    morning the day before (the sweep reminds only in working hours; the day before is a working day)."""
    from medflow.services.meetings import communication, planning
    from tests.meeting_helpers import BEGUN, MEETING_ORG, approve_both, due_in_days, in_days, morning, person

    with app.test_request_context():
        from tests import factories

        factories.load_org(db.session, MEETING_ORG)
        due = due_in_days(10)
        meeting = planning.create_meeting(db.session, person("sonja"), "lok-skole",
                                          planning.MeetingPlan(date=in_days(0), **BEGUN))
        for n in range(lines):
            communication.add_line(db.session, person("sonja"), meeting.id, meeting.version,
                                             communication.NewLine(
                what=f"Fortæl om beslutning {n} på personalemødet", audience="employees",
                channel="staff_meeting", owner="amir@example.dk", due_date=due.isoformat()))
        approve_both(app, meeting.id)
        return morning(due - timedelta(days=1))


def test_two_sweep_commands_remind_each_communication_task_once(app, database_url):
    lines = 8
    outputs = two_sweep_processes(database_url, _communication_tasks(app, lines))
    assert [code for code, _ in outputs] == [0, 0], outputs
    assert all("Retention:" in text and "Outbox:" in text for _, text in outputs), outputs
    with app.app_context():
        assert _count(SentReminder, SentReminder.key.like("task:%")) == lines
        assert _count(Notification, Notification.kind == "task_before") == lines
        db.session.remove()


def test_a_failing_step_is_rolled_back_and_every_other_step_still_runs(app, org, monkeypatch):
    overdue, reminded = _submit_cases(app)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in one kind of reminder")

    monkeypatch.setattr("medflow.services.sweep.task_reminders", broken)
    from medflow.cli import cli

    result = app.test_cli_runner().invoke(cli, ["sweep", "--now", NOW.isoformat()])
    assert result.exit_code == 1
    assert "communication tasks" in result.output
    assert "Retention: 6 closed case(s) anonymised." in result.output and "Outbox:" in result.output
    _assert_each_happened_once(app, overdue, reminded)
