"""Operations commands: serve (gunicorn), backup, restore and doctor."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from medflow.cli.common import fail
from medflow.domain.errors import MedflowError
from medflow.extensions import db


@click.command("serve")
@click.option("--bind", "-b", default="127.0.0.1:8000", show_default=True,
              help="HOST:PORT to listen on (port 0: any free port, shown in the log), or unix:PATH.")
@click.option("--workers", "-w", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (about 2 per CPU core).")
@click.option("--timeout", default=30, show_default=True, type=click.IntRange(5, 600),
              help="Seconds before a stuck worker is restarted.")
@click.option("--no-access-log", is_flag=True, help="Do not log every request.")
def serve_command(bind: str, workers: int, timeout: int, no_access_log: bool) -> None:
    """Serve medflow with gunicorn (a production WSGI server) and N worker processes."""
    from medflow.server import serve

    serve(bind, workers, timeout, access_log=not no_access_log)


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Write an online, consistent backup of the database to FILE (safe while medflow runs)."""
    from medflow.services.ops.backup import backup

    try:
        kind = backup(db.engine, file)
    except MedflowError as exc:
        fail(str(exc))
    click.echo(f"Backed up the {kind} database to {file} ({file.stat().st_size} bytes).")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a database that already has data.")
@with_appcontext
def restore_command(file: Path, replace: bool) -> None:
    """Restore the database from a backup FILE made by `medflow backup` (into an empty database)."""
    from medflow.services.ops.backup import restore

    try:
        restore(db.engine, file, replace=replace)
    except MedflowError as exc:
        fail(str(exc))
    click.echo(f"Restored {file}. Run `medflow db upgrade` if it came from an older medflow.")


@click.command("doctor")
@with_appcontext
def doctor_command() -> None:
    """Check configuration, database, migrations, Graphviz, mail and the identity provider."""
    from medflow.services.ops.doctor import run_checks

    results = run_checks(current_app.config, db.engine)
    for result in results:
        mark = "ok  " if result.ok else ("skip" if result.ok is None else "FAIL")
        click.echo(f"[{mark}] {result.name}: {result.message}")
        if result.ok is False and result.fix:
            click.echo(f"       fix: {result.fix}")
    problems = sum(1 for r in results if r.ok is False)
    if problems:
        fail(f"{problems} problem(s) found.")
    click.echo("Everything medflow needs is in place.")


COMMANDS = (serve_command, backup_command, restore_command, doctor_command)
