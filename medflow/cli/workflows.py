"""`medflow workflows check` and `medflow flowchart`: the workflow definitions and the topics by level."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from medflow.cli.common import fail
from medflow.config import data_dir
from medflow.diagrams.export import export_flowchart
from medflow.domain.errors import DefinitionError
from medflow.domain.loader import load_workflows
from medflow.domain.offers import load_offers
from medflow.domain.topics import load_topics
from medflow.workflows import OFFERS_FILE_NAME, TOPICS_FILE_NAME, topics

workflows_cli = click.Group("workflows", help="Workflow definitions.")


@workflows_cli.command("check")
@click.argument("path", required=False, type=click.Path(exists=True))
def workflows_check(path: str | None) -> None:
    """Validate workflow definitions in PATH (default: the workflows folder), its topics and offers files."""
    path = path or os.environ.get("MEDFLOW_WORKFLOWS_DIR") or str(data_dir("workflows"))
    topics_file, offers_file = Path(path) / TOPICS_FILE_NAME, Path(path) / OFFERS_FILE_NAME
    try:
        found = load_workflows(path)
        catalog = load_topics(topics_file, found) if topics_file.is_file() else None
        if offers_file.is_file():
            load_offers(offers_file, catalog)
    except DefinitionError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        fail(f"{len(exc.problems)} problem(s) found.")
    click.echo(f"OK: {', '.join(sorted(found))}")


FLOWCHART_FORMATS = ("svg", "dot", "mermaid", "csv")


@click.command("flowchart")
@click.option("--format", "fmt", type=click.Choice(FLOWCHART_FORMATS), default="svg", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.option("--lang", type=click.Choice(("da", "en")), default="da", show_default=True)
@with_appcontext
def flowchart(fmt: str, output: str | None, lang: str) -> None:
    """Export the task-responsibility flowchart (topics by level) as SVG, DOT, Mermaid or CSV."""
    text = export_flowchart(topics(), fmt, lang, current_app.config["GRAPHVIZ_DOT"])
    if text is None:
        fail("Graphviz (the dot program) is not installed; use --format dot, mermaid or csv.")
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}.")
    else:
        click.echo(text, nl=False)
