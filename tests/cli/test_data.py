"""`medflow person export` and `medflow retention` refuse bad input clearly (exit 1, nothing changed).

The commands' full runs are tested beside what they read: tests/web/test_person_export.py and
tests/integration/test_retention.py.
"""

from __future__ import annotations

from medflow.cli import cli


def test_retention_refuses_a_bad_time(app, org):
    result = app.test_cli_runner().invoke(cli, ["retention", "--dry-run", "--now", "i morgen"])
    assert result.exit_code == 1 and "--now must be an ISO date" in result.output


def test_the_cli_refuses_an_unknown_email(app, org):
    result = app.test_cli_runner().invoke(cli, ["person", "export", "nobody@example.dk"])
    assert result.exit_code == 1 and "nobody@example.dk" in result.output
