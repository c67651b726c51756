"""What every `medflow` command module shares: one way to fail, one way to read `--now`."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click


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
