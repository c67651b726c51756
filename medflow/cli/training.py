"""`medflow training import FILE.csv [--dry-run]`: courses taken by MED and AMR members, all or nothing."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from medflow.cli.common import plan_words, read_csv_text, refuse_file
from medflow.domain.errors import DefinitionError
from medflow.domain.training_csv import parse_training_csv
from medflow.extensions import db
from medflow.services.annual.training import apply_training, plan_training

training_cli = AppGroup("training", help="Training of MED and work-environment members.")


@training_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Only check the file and show what would change; write nothing.")
def training_import(file: str, dry_run: bool) -> None:
    """Import courses taken from FILE.csv (E-mail;Kursus;Dato); a course already recorded is kept once.

    Comma or semicolon separated, Danish or English headers; see docs/administrators.md.
    """
    text = read_csv_text(file)
    try:
        rows, problems = parse_training_csv(text, file)
        plan = plan_training(db.session, file, rows, problems)
    except DefinitionError as exc:
        refuse_file(file, exc.problems)
    counts = plan_words(plan)
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run of {file}: would be {counts}. Nothing was written.")
        return
    apply_training(db.session, None, file, plan)
    click.echo(f"Imported {file}: {counts}.")
