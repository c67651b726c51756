"""Load the workflow definitions and topics once per app and refuse to start if any is invalid."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from medflow.domain.engine import WorkflowEngine, build_engines
from medflow.domain.loader import load_workflows
from medflow.domain.topics import EMPTY_CATALOG, TopicCatalog, load_topics

TOPICS_FILE_NAME = "responsibilities.yaml"


def _topics_file(app: Flask) -> str | None:
    """Return TOPICS_FILE, else the workflows folder's responsibilities.yaml when there is one."""
    if app.config.get("TOPICS_FILE"):
        return app.config["TOPICS_FILE"]
    default = Path(app.config["WORKFLOWS_DIR"]) / TOPICS_FILE_NAME
    return str(default) if default.is_file() else None


def init_app(app: Flask) -> None:
    """Validate every definition and build one shared machine per workflow."""
    definitions = load_workflows(app.config["WORKFLOWS_DIR"])  # raises DefinitionError
    app.extensions["medflow.engines"] = build_engines(definitions)
    topics_file = _topics_file(app)
    app.extensions["medflow.topics"] = (
        load_topics(topics_file, definitions) if topics_file else EMPTY_CATALOG  # raises DefinitionError
    )


def engines() -> dict[str, WorkflowEngine]:
    """Return the current app's workflow engines."""
    return current_app.extensions["medflow.engines"]


def topics() -> TopicCatalog:
    """Return the current app's topics (task kinds and their responsible levels)."""
    return current_app.extensions["medflow.topics"]
