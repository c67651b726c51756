"""Data-protection commands: `medflow person export EMAIL` and `medflow retention`."""

from __future__ import annotations

import json
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from medflow.cli.common import fail, parse_now
from medflow.domain.errors import MedflowError
from medflow.extensions import db

person_cli = AppGroup("person", help="What medflow holds about a person (GDPR).")




@person_cli.command("export")
@click.argument("email")
def person_export(email: str) -> None:
    """Print everything medflow holds about EMAIL as JSON (GDPR art. 15)."""
    from medflow.services.people.users import find_person
    from medflow.services.privacy.person_export import export_person

    try:
        person = find_person(db.session, email)
    except MedflowError as exc:
        fail(str(exc))
    click.echo(json.dumps(export_person(db.session, person), ensure_ascii=False, indent=2))




@click.command("retention")
@click.option("--dry-run", is_flag=True, help="Only list the cases that would be anonymised.")
@click.option("--now", help="Pretend it is this ISO time (UTC if no zone).")
@with_appcontext
def retention_command(dry_run: bool, now: str | None) -> None:
    """Anonymise closed cases older than RETENTION_DAYS (`medflow sweep` does it too)."""
    from medflow.services.privacy.retention import anonymise_due, due_cases
    from medflow.workflows import engines

    when, days = parse_now(now), current_app.config["RETENTION_DAYS"]
    cutoff = (when - timedelta(days=days)).date().isoformat()
    if not dry_run:
        done = anonymise_due(db.session, engines(), when, days)
        click.echo(f"Anonymised {len(done)} case(s) closed before {cutoff} (RETENTION_DAYS={days}).")
        return
    cases = due_cases(db.session, engines(), when, days)
    for case in cases:
        click.echo(f"#{case.id}\t{case.workflow}\t{case.state}\tclosed {case.closed_at.date().isoformat()}"
                   f"\t{case.holder.name}")
    click.echo(f"{len(cases)} case(s) would be anonymised: closed before {cutoff} (RETENTION_DAYS={days}). "
               "Nothing was changed.")
