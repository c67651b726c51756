"""What every `medflow` command module shares: one way to fail, one way to read `--now`, one way to
read a CSV file and refuse it whole."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from medflow.domain.figures_csv import decode
from medflow.extensions import db


def fail(message: str) -> None:
    """Print the error and stop with exit status 1 (the shell and cron see the failure)."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def parse_now(raw: str | None) -> datetime:
    """Return the moment `--now` names (UTC if it has no zone), or now; fail on anything else."""
    if not raw:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        fail(f"--now must be an ISO date and time, not {raw!r}.")
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def read_csv_text(file: str) -> str:
    """Return a CSV file's text (UTF-8 with or without BOM, or Windows-1252), or exit 1 naming the file."""
    try:
        return decode(Path(file).read_bytes())
    except OSError as exc:
        click.echo(f"Error: {file} could not be read: {exc}", err=True)
        sys.exit(1)


def refuse_file(file: str, problems: list) -> None:
    """Print every problem as FILE:LINE: message, say nothing was written, roll back and exit 1."""
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(f"Error: {file} was not imported; nothing was written ({len(problems)} problem(s)).", err=True)
    db.session.rollback()
    sys.exit(1)


def plan_words(plan) -> str:
    """Return an import plan's counts as words: "3 added, 1 changed, …"."""
    return ", ".join(f"{n} {what}" for what, n in plan.counts().items())
