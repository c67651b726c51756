"""The `medflow` command line: Flask's own commands plus org, users, workflows and demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext

from medflow.app import create_app
from medflow.cli.common import fail, parse_now
from medflow.cli.data import person_cli, retention_command
from medflow.cli.demo import demo
from medflow.cli.users import add_commands as add_security_commands
from medflow.config import data_dir
from medflow.diagrams.export import export_flowchart
from medflow.domain.errors import DefinitionError, MedflowError
from medflow.domain.loader import load_workflows
from medflow.domain.org import parse_org
from medflow.domain.org_changes import LevelChanges
from medflow.domain.topics import load_topics
from medflow.domain.yamlsource import load_file
from medflow.extensions import db
from medflow.services import org as org_service
from medflow.services import users as user_service
from medflow.workflows import TOPICS_FILE_NAME, engines, topics

org_cli = AppGroup("org", help="The MED organisation: committees and people.")
users_cli = AppGroup("users", help="Passwords and API tokens.")
workflows_cli = click.Group("workflows", help="Workflow definitions.")
add_security_commands(users_cli)  # deactivate, tokens, revoke-token


def import_org_file(path: str, allow_level_changes: bool = False):
    """Validate and import an organisation file; raise DefinitionError or LevelChanges on any problem."""
    spec = parse_org(load_file(path, current_app.config["ORG_FILE_MAX_BYTES"]), str(path))
    return org_service.import_org(db.session, spec, allow_level_changes=allow_level_changes)


@org_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Only show what would change (FILE.csv); write nothing.")
@click.option("--allow-level-changes", is_flag=True,
              help="Apply an import that re-orders the levels or changes levels cases use (and list it).")
def org_import(file: str, dry_run: bool, allow_level_changes: bool) -> None:
    """Import committees and people from FILE.yaml, or people from HR's FILE.csv (all-or-nothing).

    A YAML import is idempotent; a CSV import is a full list: people missing from it are
    deactivated, never deleted.
    """
    if file.lower().endswith(".csv"):
        from medflow.cli.org_csv import import_people_csv

        import_people_csv(file, dry_run)
        return
    try:
        result = import_org_file(file, allow_level_changes)
    except DefinitionError as exc:
        fail(f"{file} was not imported; nothing was written.\n{exc}")
    except LevelChanges as exc:
        lines = "\n".join(f"  - {change}" for change in exc.changes)
        fail(f"{file} was not imported; nothing was written. It would change the levels:\n{lines}\n"
              "Check that this is intended, then run again with --allow-level-changes.")
    for change in result.level_changes:
        click.echo(f"Level change: {change}")
    click.echo(f"Imported {file}: {result.created} created, {result.updated} updated.")


@users_cli.command("set-password")
@click.argument("email")
@click.option("--password", help="The new password (read from standard input if left out).")
def users_set_password(email: str, password: str | None) -> None:
    """Set the password of EMAIL."""
    if password is None and sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    elif password is None:
        password = sys.stdin.readline().rstrip("\n")
    try:
        user_service.set_password(db.session, email, password)
    except MedflowError as exc:
        fail(str(exc))
    click.echo(f"Password set for {email}.")


@users_cli.command("token")
@click.argument("email")
def users_token(email: str) -> None:
    """Print a new API token for EMAIL (only a hash is stored)."""
    try:
        click.echo(user_service.issue_token(db.session, email, current_app.config["API_TOKEN_DAYS"]))
    except MedflowError as exc:
        fail(str(exc))


@users_cli.command("revoke-tokens")
@click.argument("email")
def users_revoke_tokens(email: str) -> None:
    """Revoke every API token of EMAIL."""
    try:
        count = user_service.revoke_tokens(db.session, email)
    except MedflowError as exc:
        fail(str(exc))
    click.echo(f"Revoked {count} token(s) for {email}.")


@workflows_cli.command("check")
@click.argument("path", required=False, type=click.Path(exists=True))
def workflows_check(path: str | None) -> None:
    """Validate workflow definitions in PATH (default: the workflows folder) and its topics file."""
    path = path or os.environ.get("MEDFLOW_WORKFLOWS_DIR") or str(data_dir("workflows"))
    topics_file = Path(path) / TOPICS_FILE_NAME
    try:
        found = load_workflows(path)
        if topics_file.is_file():
            load_topics(topics_file, found)
    except DefinitionError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        fail(f"{len(exc.problems)} problem(s) found.")
    click.echo(f"OK: {', '.join(sorted(found))}")


FLOWCHART_FORMATS = ("svg", "dot", "mermaid", "csv")


@click.command("flowchart")
@click.option("--format", "fmt", type=click.Choice(FLOWCHART_FORMATS), default="svg", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.option("--lang", type=click.Choice(("da", "en")), default="da", show_default=True)
@with_appcontext
def flowchart(fmt: str, output: str | None, lang: str) -> None:
    """Export the task-responsibility flowchart (topics by level) as SVG, DOT, Mermaid or CSV."""
    text = export_flowchart(topics(), fmt, lang, current_app.config["GRAPHVIZ_DOT"])
    if text is None:
        fail("Graphviz (the dot program) is not installed; use --format dot, mermaid or csv.")
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}.")
    else:
        click.echo(text, nl=False)
@click.command("sweep")
@click.option("--now", help="Pretend it is this ISO time (UTC if no zone), e.g. 2025-03-01T08:00.")
@with_appcontext
def sweep_command(now: str | None) -> None:
    """Send deadline reminders, escalate overdue cases, then send queued mail (for cron)."""
    from medflow import notify
    from medflow.services.sweep import run_step, sweep

    when = parse_now(now)
    report = sweep(db.session, engines(), mail=notify.mail_settings(), now=when,
                   retention_days=current_app.config["RETENTION_DAYS"])
    click.echo(f"Sweep: {len(report.reminders)} reminder(s), {len(report.escalated)} escalation(s).")
    for name, step in (("digests", _digest), ("pruning", _prune)):
        run_step(db.session, report, name, lambda step=step: step(when))
    click.echo(f"Retention: {len(report.anonymised)} closed case(s) anonymised.")
    run_step(db.session, report, "mail", lambda: _deliver(when))
    if report.failed:  # every other step ran; cron sees the failure
        fail(f"Sweep: these steps failed and were rolled back: {', '.join(report.failed)} (see the log).")


def _digest(when) -> None:
    from medflow import notify
    from medflow.services.mail.digest import send_digests

    mail = notify.mail_settings()
    if mail is not None:
        click.echo(f"Digest: {len(send_digests(db.session, mail, when))} daily digest(s) queued.")


def _prune(when) -> None:
    from medflow.services.mail.mail_admin import prune

    count = prune(db.session, current_app.config["OUTBOX_KEEP_DAYS"], when)
    click.echo(f"Outbox: the text of {count} old mail(s) removed.")




def _deliver(when) -> None:
    from medflow import notify
    from medflow.services.mail.outbox import deliver_due

    smtp = notify.smtp_settings()
    if smtp is None:
        click.echo("Mail: MAIL_SERVER is not set; nothing sent.")
        return
    done = deliver_due(db.session, smtp, now=when)
    click.echo(f"Mail: {len(done.sent)} sent, {len(done.failed)} failed (will be retried).")


outbox_cli = AppGroup("outbox", help="The e-mail outbox.")


@outbox_cli.command("send")
@click.option("--now", help="Pretend it is this ISO time (UTC if no zone).")
def outbox_send(now: str | None) -> None:
    """Send every queued e-mail that is due (safe to run from cron, also twice at once)."""
    _deliver(parse_now(now))


@outbox_cli.command("digest")
@click.option("--now", help="Pretend it is this ISO time (UTC if no zone).")
def outbox_digest(now: str | None) -> None:
    """Queue the daily digests that are due, then send queued mail."""
    when = parse_now(now)
    _digest(when)
    _deliver(when)


def _create_app(*_args, **_kwargs):
    return create_app()


cli = FlaskGroup(create_app=_create_app, help="medflow: the MED case engine.")
for command in (org_cli, users_cli, workflows_cli, demo, flowchart, sweep_command, outbox_cli,
                person_cli, retention_command):
    cli.add_command(command)
from medflow.cli.ops import COMMANDS as OPS_COMMANDS  # noqa: E402 - serve, backup, restore, doctor

for command in OPS_COMMANDS:
    cli.add_command(command)


def main() -> None:
    """Run the medflow command line."""
    cli.main()
