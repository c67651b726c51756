"""`medflow workflows check` lists every problem and fails; the app refuses bad definitions."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from medflow import create_app
from medflow.cli import cli
from medflow.domain.errors import DefinitionError

SHIPPED = Path(__file__).resolve().parents[2] / "workflows"


@pytest.fixture
def bad_dir(tmp_path):
    """Return a copy of the shipped workflows with two mistakes in question.yaml."""
    folder = tmp_path / "workflows"
    shutil.copytree(SHIPPED, folder)
    question = folder / "question.yaml"
    text = question.read_text(encoding="utf-8")
    text = text.replace("roles: [submitter]", "roles: [janitor]", 1).replace("dest: rejected", "dest: rejekted")
    question.write_text(text, encoding="utf-8")
    return folder


def _line(file: Path, needle: str, before: str | None = None) -> int:
    """Return the 1-based line of `needle` (or of the mapping that starts just above it)."""
    lines = file.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if needle in text)
    if before is not None:
        at = max(i for i in range(at + 1) if before in lines[i])
    return at + 1


def test_check_prints_every_problem_with_file_and_line_and_fails(bad_dir):
    result = CliRunner().invoke(cli, ["workflows", "check", str(bad_dir)])
    assert result.exit_code != 0
    file = bad_dir / "question.yaml"
    reject = _line(file, "dest: rejekted", before="- trigger:")
    withdraw = _line(file, "roles: [janitor]", before="- trigger:")
    state = _line(file, "{name: rejected")
    assert f"{file}:{reject}: event 'reject': unknown destination state 'rejekted'" in result.output
    assert f"{file}:{withdraw}: event 'withdraw': unknown role 'janitor'" in result.output
    assert f"{file}:{state}: state 'rejected' cannot be reached from 'submitted'" in result.output
    assert "Error: 3 problem(s) found." in result.output


def test_check_passes_on_the_shipped_workflows():
    result = CliRunner().invoke(cli, ["workflows", "check", str(SHIPPED)])
    assert (result.exit_code, result.output) == (0, "OK: cascade, question, work_environment\n")


def test_check_without_a_path_uses_the_configured_folder(bad_dir, monkeypatch):
    monkeypatch.setenv("MEDFLOW_WORKFLOWS_DIR", str(bad_dir))
    assert CliRunner().invoke(cli, ["workflows", "check"]).exit_code == 1


def test_check_reports_broken_yaml(tmp_path):
    (tmp_path / "broken.yaml").write_text("name: broken\nstates: [a, b\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["workflows", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'broken.yaml'}:3: invalid YAML" in result.output


def test_the_app_refuses_to_start_on_an_invalid_definition(bad_dir, tmp_path):
    with pytest.raises(DefinitionError) as error:
        create_app({"WORKFLOWS_DIR": str(bad_dir), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert len(error.value.problems) == 3


def test_check_names_a_level_rule_that_can_never_hold_with_its_line(tmp_path):
    folder = tmp_path / "workflows"
    shutil.copytree(SHIPPED, folder)
    work = folder / "work_environment.yaml"
    work.write_text(work.read_text(encoding="utf-8").replace(
        "conditions: [above_workplace]", "conditions: [above_workplace, at_workplace]"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["workflows", "check", str(folder)])
    line = _line(work, "conditions: [above_workplace, at_workplace]", before="- trigger:")
    assert result.exit_code == 1
    assert (f"{work}:{line}: event 'resolve': conditions above_workplace and at_workplace "
            "can never hold together") in result.output


@pytest.mark.parametrize(("state", "message"), [
    ("deadline_workdays: 10, deadline_days: 14", "set deadline_days or deadline_workdays, not both"),
    ("deadline_workdays: -10", "deadline_workdays must be a positive whole number"),
])
def test_check_refuses_a_state_with_both_deadlines_or_a_negative_one_with_its_line(tmp_path, state, message):
    folder = tmp_path / "workflows"
    shutil.copytree(SHIPPED, folder)
    question = folder / "question.yaml"
    question.write_text(question.read_text(encoding="utf-8").replace("deadline_workdays: 10", state),
                        encoding="utf-8")
    result = CliRunner().invoke(cli, ["workflows", "check", str(folder)])
    line = _line(question, "{name: submitted")
    assert result.exit_code == 1
    assert f"{question}:{line}: state 'submitted': {message}" in result.output
