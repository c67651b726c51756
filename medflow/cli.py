"""The `medflow` command line: Flask's own commands plus org, users, workflows and demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext

from medflow import demo_history
from medflow.app import create_app
from medflow.config import data_dir
from medflow.diagrams.export import export_flowchart
from medflow.domain.errors import DefinitionError, MedflowError
from medflow.domain.loader import load_workflows
from medflow.domain.org import parse_org
from medflow.domain.topics import load_topics
from medflow.domain.yamlsource import load_file
from medflow.extensions import db
from medflow.services import org as org_service
from medflow.services import users as user_service
from medflow.workflows import TOPICS_FILE_NAME, engines, topics

org_cli = AppGroup("org", help="The MED organisation: committees and people.")
users_cli = AppGroup("users", help="Passwords and API tokens.")
workflows_cli = click.Group("workflows", help="Workflow definitions.")
DEMO_PASSWORD = "demo-medflow"


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def import_org_file(path: str):
    """Validate and import an organisation file; raise DefinitionError on any problem."""
    spec = parse_org(load_file(path), str(path))
    return org_service.import_org(db.session, spec)


@org_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
def org_import(file: str) -> None:
    """Import committees and people from FILE.yaml (idempotent; all-or-nothing)."""
    try:
        result = import_org_file(file)
    except DefinitionError as exc:
        _fail(f"{file} was not imported; nothing was written.\n{exc}")
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
        _fail(str(exc))
    click.echo(f"Password set for {email}.")


@users_cli.command("token")
@click.argument("email")
def users_token(email: str) -> None:
    """Print a new API token for EMAIL (only a hash is stored)."""
    try:
        click.echo(user_service.issue_token(db.session, email))
    except MedflowError as exc:
        _fail(str(exc))


@users_cli.command("revoke-tokens")
@click.argument("email")
def users_revoke_tokens(email: str) -> None:
    """Revoke every API token of EMAIL."""
    try:
        count = user_service.revoke_tokens(db.session, email)
    except MedflowError as exc:
        _fail(str(exc))
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
        _fail(f"{len(exc.problems)} problem(s) found.")
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
        _fail("Graphviz (the dot program) is not installed; use --format dot, mermaid or csv.")
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
    from medflow.services.sweep import sweep
    from medflow.workflows import engines

    when = _parse_now(now)
    report = sweep(db.session, engines(), mail=notify.mail_settings(), now=when)
    click.echo(f"Sweep: {len(report.reminders)} reminder(s), {len(report.escalated)} escalation(s).")
    _deliver(when)


def _parse_now(raw: str | None):
    from datetime import UTC, datetime

    if not raw:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        _fail(f"--now must be an ISO date and time, not {raw!r}.")
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _deliver(when) -> None:
    from medflow import notify
    from medflow.services.outbox import deliver_due

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
    _deliver(_parse_now(now))


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Load the demo organisation (Glostrup) and give every demo user a known password."""
    path = current_app.config["DEMO_ORG_FILE"]
    try:
        spec = parse_org(load_file(path), str(path))
    except DefinitionError as exc:
        _fail(str(exc))
    result = org_service.import_org(db.session, spec)
    user_service.set_password_hash(db.session, [p.email for p in spec.people], DEMO_PASSWORD)
    click.echo(f"Demo organisation loaded: {result.created} created, {result.updated} updated.")
    _print_login_hints(spec)
    _demo_history(spec)


def _demo_history(spec) -> None:
    """Give the journey's employee two years of questions, so the lists show their pages."""
    journey = demo_journey(spec)
    if journey and (added := demo_history.add_history(db.session, engines(), journey[0][0])):
        click.echo(f"Demo history: {journey[0][0]} has {added} questions from the last two years.")


def demo_journey(spec) -> list[tuple[str, str]]:
    """Return (email, what to do) for one walk up the tree: an employee and each chair above her."""
    employee = next((p for p in spec.people if not p.roles and not p.admin and p.workplace), None)
    if employee is None:
        return []
    parents = {c.key: c.parent for c in spec.committees}
    names = {c.key: c.name for c in spec.committees}
    chairs = {c: p for p in spec.people for c, role in p.roles if role == "chair"}
    steps = [(employee.email, f"employee at {names[employee.workplace]}: submits a question")]
    committee = employee.workplace
    while committee is not None:
        if committee in chairs:
            steps.append((chairs[committee].email, f"chair of {names[committee]}"))
        committee = parents[committee]
    steps += [(p.email, "administrator: sees every case") for p in spec.people if p.admin][:1]
    return steps


def _print_login_hints(spec) -> None:
    click.echo(f"Log in with any demo user; the password is: {DEMO_PASSWORD}")
    click.echo("A question's journey from a workplace to KommuneMED:")
    for email, what in demo_journey(spec):
        click.echo(f"  {email:36} {what}")
    click.echo("Everyone else is listed on the Organisation page (/org).")


def _create_app(*_args, **_kwargs):
    return create_app()


cli = FlaskGroup(create_app=_create_app, help="medflow: the MED case engine.")
for command in (org_cli, users_cli, workflows_cli, demo, flowchart, sweep_command, outbox_cli):
    cli.add_command(command)


def main() -> None:
    """Run the medflow command line."""
    cli.main()
