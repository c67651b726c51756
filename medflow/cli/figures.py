"""`medflow figures import FILE.csv --kind sickness|wellbeing|risk|turnover`: key figures, all or nothing."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from medflow.cli.common import plan_words, read_csv_text, refuse_file
from medflow.domain.errors import DefinitionError
from medflow.domain.figures import KINDS
from medflow.domain.figures_csv import parse_figures_csv
from medflow.extensions import db
from medflow.services.figures.importer import apply_figures, plan_figures

figures_cli = AppGroup("figures", help="Key figures for the annual work-environment discussion.")


@figures_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(KINDS), required=True, help="Which figures the file holds.")
@click.option("--dry-run", is_flag=True, help="Only check the file and show what would change; write nothing.")
def figures_import(file: str, kind: str, dry_run: bool) -> None:
    """Import one kind of key figures from FILE.csv; the periods it covers replace the stored ones.

    Comma or semicolon separated, Danish or English headers; see docs/administrators.md.
    """
    text = read_csv_text(file)
    try:
        figures = parse_figures_csv(text, file, kind)
        plan = plan_figures(db.session, figures)
    except DefinitionError as exc:
        refuse_file(file, exc.problems)
    counts = plan_words(plan)
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run of {file} ({kind}): would be {counts}. Nothing was written.")
        return
    apply_figures(db.session, None, figures, plan)
    click.echo(f"Imported {file} ({kind}): {counts}.")
