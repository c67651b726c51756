"""`medflow search reindex`: rebuild the search index from the cases (after an upgrade or a restore)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from medflow.extensions import db

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the index of every case in one transaction; searching goes on meanwhile (the old index)."""
    from medflow.services.search.index import reindex

    click.echo(f"Search: {reindex(db.session)} case(s) indexed.")
