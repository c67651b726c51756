"""`medflow plan import FILE.yaml` and `medflow plan export KEY`: a committee's strategy plan as YAML."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from medflow.domain.errors import DefinitionError
from medflow.extensions import db
from medflow.persistence.models import Committee
from medflow.services.plans.access import current_plan
from medflow.services.plans.files import check_plan, export_plan, import_plan

plan_cli = AppGroup("plan", help="Strategy plans: a vision, subjects, goals and initiatives.")
MAX_BYTES = 1_000_000


def _read(file: str) -> str:
    """Return the file's text, or print why it cannot be read and exit 1."""
    try:
        raw = Path(file).read_bytes()
        if len(raw) > MAX_BYTES:
            raise OSError(f"the file has {len(raw)} bytes; at most {MAX_BYTES} are allowed")
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        click.echo(f"Error: {file} could not be read: {exc}", err=True)
        sys.exit(1)


@plan_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--committee", "committee_key", help="The committee's key, when the file names none (or another)."
)
@click.option("--dry-run", is_flag=True, help="Only check the file; write nothing.")
def plan_import(file: str, committee_key: str | None, dry_run: bool) -> None:
    """Import a strategy plan from FILE.yaml, checked whole first; every problem is shown as FILE:LINE."""
    try:
        spec, committee = check_plan(db.session, _read(file), file, committee_key)
    except DefinitionError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(
            f"Error: {file} was not imported; nothing was written ({len(exc.problems)} problem(s)).", err=True
        )
        db.session.rollback()
        sys.exit(1)
    initiatives = sum(len(s.initiatives) for s in spec.subjects)
    summary = f"{len(spec.subjects)} subjects, {initiatives} initiatives"
    if dry_run:
        db.session.rollback()
        click.echo(
            f"Dry run of {file}: {spec.title!r} for {committee.key} would be imported ({summary}). "
            "Nothing was written."
        )
        return
    import_plan(db.session, spec, committee)
    click.echo(f"Imported {file}: {spec.title!r} for {committee.key} ({summary}).")


@plan_cli.command("export")
@click.argument("key")
def plan_export(key: str) -> None:
    """Print the committee KEY's plan as YAML (statuses as they stand), to import elsewhere or keep."""
    committee = db.session.scalar(select(Committee).where(Committee.key == key))
    plan = current_plan(db.session, committee) if committee else None
    if plan is None:
        click.echo(f"Error: committee {key!r} has no strategy plan.", err=True)
        sys.exit(1)
    click.echo(export_plan(plan), nl=False)
