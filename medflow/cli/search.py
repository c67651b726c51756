"""`medflow search reindex`: rebuild the search index from the cases, meetings and cascades (after an
upgrade or a restore)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from medflow.extensions import db

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the index of every kind in one transaction; searching goes on meanwhile (the old index)."""
    from medflow.services.search.index import reindex

    counts = reindex(db.session)
    others = ", ".join(f"{n} document(s) from {name}" for name, n in counts.items() if name != "cases")
    click.echo(f"Search: {counts['cases']} case(s) indexed; {others}.")
