"""`medflow users`: passwords, sessions and API tokens (set-password, token, deactivate, tokens, revoke)."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from medflow.cli.common import fail
from medflow.domain.errors import MedflowError
from medflow.extensions import db
from medflow.services.people import tokens as token_service
from medflow.services.people import users as user_service

users_cli = AppGroup("users", help="Passwords and API tokens.")


def _when(value) -> str:
    """Show a time to the minute, or "-" when there is none."""
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def _set_active(email: str, active: bool, done: str) -> None:
    """Turn EMAIL's account on or off (off also ends every session of theirs) and say what was done."""
    try:
        user_service.set_active(db.session, email, active)
    except MedflowError as exc:
        fail(str(exc))
    click.echo(done)


def deactivate(email: str) -> None:
    """Deactivate EMAIL: no more log-ins or API calls, and every session of theirs ends."""
    _set_active(email, False, f"Deactivated {email}; their sessions have ended.")


def activate(email: str) -> None:
    """Let EMAIL log in and use their live API tokens again."""
    _set_active(email, True, f"Activated {email}.")


def list_tokens(email: str) -> None:
    """List the API tokens of EMAIL: id, prefix, created, expires, last used, state."""
    try:
        person = user_service.find_person(db.session, email)
    except MedflowError as exc:
        fail(str(exc))
    rows = token_service.tokens_of(db.session, person)
    if not rows:
        click.echo(f"{email} has no API tokens.")
    for row in rows:
        state = "revoked" if row.revoked_at else ("expired" if token_service.is_expired(row) else "live")
        click.echo(f"{row.id}\t{row.prefix}…\tcreated {_when(row.created_at)}\texpires {_when(row.expires_at)}"
                   f"\tlast used {_when(row.last_used_at)}\t{state}")


def revoke_token(token_id: int) -> None:
    """Revoke the API token with this id (see `medflow users tokens EMAIL`)."""
    try:
        row = token_service.revoke_token(db.session, None, token_id)
    except MedflowError as exc:
        fail(str(exc))
    click.echo(f"Revoked token {row.id} ({row.prefix}…) of {row.person.email}.")


def add_commands(users: AppGroup) -> None:
    """Attach these commands to the `medflow users` group."""
    users.command("deactivate")(click.argument("email")(deactivate))
    users.command("activate")(click.argument("email")(activate))
    users.command("tokens")(click.argument("email")(list_tokens))
    users.command("revoke-token")(click.argument("token_id", type=int)(revoke_token))


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


add_commands(users_cli)  # deactivate, activate, tokens, revoke-token
