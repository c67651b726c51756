"""`medflow demo` shows data protection: an anonymised old case and one the dry run lists."""

from __future__ import annotations

import re

from medflow.cli import cli
from medflow.demo.retention import OLD, SOON
from medflow.extensions import db
from medflow.persistence.models import Case


def test_demo_has_an_anonymised_case_and_one_the_retention_dry_run_lists(app):
    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    hint = re.search(r"case #(\d+) was anonymised.*--dry-run --now (\S+)` lists case #(\d+)", result.output)
    assert hint, result.output
    old, when, soon = int(hint[1]), hint[2], int(hint[3])
    with app.app_context():
        anonymised = db.session.get(Case, old)
        assert (anonymised.title, anonymised.submitter_id, anonymised.state) == ("", None, "resolved")
        assert anonymised.history[-1].event == "anonymise"
        assert db.session.get(Case, soon).title == SOON[0]
        db.session.remove()
    listed = runner.invoke(cli, ["retention", "--dry-run", "--now", when])
    assert f"#{soon}\tquestion\tresolved" in listed.output and "1 case(s) would be anonymised" in listed.output
    assert OLD[0] not in runner.invoke(cli, ["person", "export", "ida.holmgaard@example.dk"]).output
