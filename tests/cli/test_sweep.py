"""`medflow sweep` on the command line: a fixed clock, and a clear refusal of a bad one."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import Case, Person
from medflow.services import cases as case_service

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def submit(app) -> int:
    """Let Anna submit a question at T0; return its id."""
    anna = db.session.scalar(select(Person).where(Person.email == "anna@example.dk"))
    new = case_service.NewCase(workflow="question", title="Støj i kantinen")
    return case_service.submit_case(db.session, app.extensions["medflow.engines"], anna, new, now=T0).id


def test_sweep_command_takes_a_fixed_clock(app, org):
    with app.app_context():
        case_id = submit(app)
    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["sweep", "--now", "2025-01-21T09:00"])
    assert result.exit_code == 0, result.output
    assert "1 escalation(s)" in result.output
    assert "MAIL_SERVER is not set" in result.output
    again = runner.invoke(cli, ["sweep", "--now", "2025-01-21T09:05"])
    assert "0 reminder(s), 0 escalation(s)" in again.output
    with app.app_context():
        assert db.session.get(Case, case_id).holder.key == "omr-born"


def test_sweep_command_rejects_a_bad_time(app, org):
    result = app.test_cli_runner().invoke(cli, ["sweep", "--now", "tomorrow"])
    assert result.exit_code == 1 and "--now must be an ISO date" in result.output


def test_sweep_command_at_the_weekend_says_when_reminders_go_out(app, org):
    with app.app_context():
        submit(app)
    result = app.test_cli_runner().invoke(cli, ["sweep", "--now", "2025-01-25T12:00"])  # a Saturday
    assert result.exit_code == 0, result.output
    assert "0 reminder(s), 0 escalation(s)" in result.output
    assert "wait until 2025-01-27T07:00:00+00:00 (UTC)" in result.output  # Monday, 08:00 in Copenhagen
