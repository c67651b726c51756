"""`medflow figures import FILE.csv --kind sickness|wellbeing|risk|turnover`: key figures, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from medflow.domain.errors import DefinitionError
from medflow.domain.figures import KINDS
from medflow.domain.figures_csv import decode, parse_figures_csv
from medflow.extensions import db
from medflow.services.figures.importer import apply_figures, plan_figures

figures_cli = AppGroup("figures", help="Key figures for the annual work-environment discussion.")


def _refuse(file: str, problems: list) -> None:
    """Print every problem as FILE:LINE: message, say nothing was written, and exit 1."""
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(f"Error: {file} was not imported; nothing was written ({len(problems)} problem(s)).", err=True)
    db.session.rollback()
    sys.exit(1)


@figures_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(KINDS), required=True, help="Which figures the file holds.")
@click.option("--dry-run", is_flag=True, help="Only check the file and show what would change; write nothing.")
def figures_import(file: str, kind: str, dry_run: bool) -> None:
    """Import one kind of key figures from FILE.csv; the periods it covers replace the stored ones.

    Comma or semicolon separated, Danish or English headers; see docs/administrators.md.
    """
    try:
        text = decode(Path(file).read_bytes())
    except OSError as exc:
        click.echo(f"Error: {file} could not be read: {exc}", err=True)
        sys.exit(1)
    try:
        figures = parse_figures_csv(text, file, kind)
        plan = plan_figures(db.session, figures)
    except DefinitionError as exc:
        _refuse(file, exc.problems)
    counts = ", ".join(f"{n} {what}" for what, n in plan.counts().items())
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run of {file} ({kind}): would be {counts}. Nothing was written.")
        return
    apply_figures(db.session, None, figures, plan)
    click.echo(f"Imported {file} ({kind}): {counts}.")
