"""The `medflow` command line: Flask's own commands plus org, users, workflows and demo."""

from __future__ import annotations

import os
import sys

import click
from flask import current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext

from medflow.app import ROOT, create_app
from medflow.domain.errors import DefinitionError, MedflowError
from medflow.domain.loader import load_workflows
from medflow.domain.org import parse_org
from medflow.domain.yamlsource import load_file
from medflow.extensions import db
from medflow.services import org as org_service
from medflow.services import users as user_service

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
    """Validate workflow definitions in PATH (default: the workflows folder)."""
    path = path or os.environ.get("MEDFLOW_WORKFLOWS_DIR") or str(ROOT / "workflows")
    try:
        found = load_workflows(path)
    except DefinitionError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        _fail(f"{len(exc.problems)} problem(s) found.")
    click.echo(f"OK: {', '.join(sorted(found))}")


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


def _print_login_hints(spec) -> None:
    roles = {p.email: ", ".join(f"{r}@{c}" for c, r in p.roles) for p in spec.people}
    click.echo(f"Log in with any demo user; the password is: {DEMO_PASSWORD}")
    shown = [p for p in spec.people if p.admin or p.roles][:8]
    shown += [p for p in spec.people if not p.roles and not p.admin][:2]
    for p in shown:
        click.echo(f"  {p.email:40} {'admin ' if p.admin else ''}{roles[p.email] or 'employee'}")


def _create_app(*_args, **_kwargs):
    return create_app()


cli = FlaskGroup(create_app=_create_app, help="medflow: the MED case engine.")
for command in (org_cli, users_cli, workflows_cli, demo):
    cli.add_command(command)


def main() -> None:
    """Run the medflow command line."""
    cli.main()
