"""`medflow org import people.csv`: HR's list of people, with a dry run that shows the changes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from medflow.domain.errors import DefinitionError
from medflow.domain.people_csv import parse_people_csv
from medflow.extensions import db
from medflow.services.people.people_import import ImportPlan, apply_import, plan_import


def _print_plan(plan: ImportPlan) -> None:
    for item in plan.added:
        click.echo(f"  + add        {item.row.email}  {item.row.name}  ({item.workplace.key})")
    for item in plan.changed:
        click.echo(f"  ~ change     {item.row.email}: {'; '.join(item.changes)}")
    for person in plan.deactivated:
        click.echo(f"  - deactivate {person.email}  {person.name}")


def import_people_csv(file: str, dry_run: bool) -> None:
    """Plan the import, print it, and write it unless `dry_run`; on problems print all and exit 1."""
    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        click.echo(f"Error: {file} could not be read: {exc}", err=True)
        sys.exit(1)
    try:
        people = parse_people_csv(text, file)
        plan = plan_import(db.session, people)
    except DefinitionError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"Error: {file} was not imported; nothing was written ({len(exc.problems)} problem(s)).",
                   err=True)
        db.session.rollback()
        sys.exit(1)
    _print_plan(plan)
    counts = f"{len(plan.added)} added, {len(plan.changed)} changed, {len(plan.deactivated)} deactivated, " \
             f"{plan.unchanged} unchanged"
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run of {file}: would be {counts}. Nothing was written.")
        return
    apply_import(db.session, people, plan)
    click.echo(f"Imported {file}: {counts}.")
