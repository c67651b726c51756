"""`medflow org import`: the MED organisation from a YAML file, or HR's list of people from a CSV file."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from medflow.cli.common import fail
from medflow.cli.org_csv import import_people_csv
from medflow.domain.errors import DefinitionError
from medflow.domain.org import parse_org
from medflow.domain.org_changes import LevelChanges
from medflow.domain.yamlsource import load_file
from medflow.extensions import db
from medflow.services import org as org_service

org_cli = AppGroup("org", help="The MED organisation: committees and people.")


def import_org_file(path: str, allow_level_changes: bool = False):
    """Validate and import an organisation file; raise DefinitionError or LevelChanges on any problem."""
    spec = parse_org(load_file(path, current_app.config["ORG_FILE_MAX_BYTES"]), str(path))
    return org_service.import_org(db.session, spec, allow_level_changes=allow_level_changes)


@org_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Only show what would change (FILE.csv); write nothing.")
@click.option("--allow-level-changes", is_flag=True,
              help="Apply an import that re-orders the levels or changes levels cases use (and list it).")
def org_import(file: str, dry_run: bool, allow_level_changes: bool) -> None:
    """Import committees and people from FILE.yaml, or people from HR's FILE.csv (all-or-nothing).

    A YAML import is idempotent; a CSV import is a full list: people missing from it are
    deactivated, never deleted.
    """
    if file.lower().endswith(".csv"):
        import_people_csv(file, dry_run)
        return
    try:
        result = import_org_file(file, allow_level_changes)
    except DefinitionError as exc:
        fail(f"{file} was not imported; nothing was written.\n{exc}")
    except LevelChanges as exc:
        lines = "\n".join(f"  - {change}" for change in exc.changes)
        fail(f"{file} was not imported; nothing was written. It would change the levels:\n{lines}\n"
              "Check that this is intended, then run again with --allow-level-changes.")
    for change in result.level_changes:
        click.echo(f"Level change: {change}")
    click.echo(f"Imported {file}: {result.created} created, {result.updated} updated.")
