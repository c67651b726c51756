"""`medflow plan import` and `medflow plan export`: every problem as FILE:LINE, nothing written; round trip."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.plans import Plan

PLANS = Path(__file__).resolve().parents[2] / "workflows" / "plans"


def _plans(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Plan))


def test_both_shipped_plans_import_and_the_export_imports_again_to_the_same_plan(app, org, tmp_path):
    runner = app.test_cli_runner()
    dry = runner.invoke(cli, ["plan", "import", str(PLANS / "kommunemed-2013-2014.yaml"), "--dry-run"])
    assert dry.exit_code == 0 and "Nothing was written" in dry.output and _plans(app) == 0
    done = runner.invoke(cli, ["plan", "import", str(PLANS / "kommunemed-2013-2014.yaml")])
    assert done.exit_code == 0, done.output
    assert "(3 subjects, 9 initiatives)" in done.output
    hoved = runner.invoke(cli, ["plan", "import", str(PLANS / "hovedudvalg.yaml"), "--committee", "omr-born"])
    assert hoved.exit_code == 0, hoved.output
    exported = runner.invoke(cli, ["plan", "export", "kommunemed"])
    assert exported.exit_code == 0 and 'periods:\n    - 3-4. kvt. 2014' in exported.output
    copy = tmp_path / "copy.yaml"
    copy.write_text(exported.output, encoding="utf-8")
    again = runner.invoke(cli, ["plan", "import", str(copy), "--committee", "omr-aeldre"])
    assert again.exit_code == 0, again.output
    second = runner.invoke(cli, ["plan", "export", "omr-aeldre"]).output
    assert second == exported.output.replace("committee: kommunemed", "committee: omr-aeldre")


def test_a_bad_file_is_refused_with_file_and_line_for_every_problem(app, org, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("committee: kommunemed\ntitle: Plan\nperiod: 2013-2014\nsubjects:\n  - title: A\n"
                   "    initiatives:\n      - text: B\n        periods: [5. kvt. 2014]\n      - text: C\n"
                   "        status: waiting\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["plan", "import", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:8: subject 1, initiative 1: '5. kvt. 2014' is not a period" in result.output
    assert f"{bad}:9: subject 1, initiative 2: status 'waiting' needs 'decision'" in result.output
    assert "nothing was written (2 problem(s))" in result.output and _plans(app) == 0
    missing = app.test_cli_runner().invoke(cli, ["plan", "import", str(PLANS / "hovedudvalg.yaml")])
    assert missing.exit_code == 1 and "name the committee" in missing.output
    assert app.test_cli_runner().invoke(cli, ["plan", "export", "lok-skole"]).exit_code == 1
