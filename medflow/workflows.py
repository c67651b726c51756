"""Load the workflow definitions once per app and refuse to start if any is invalid."""

from __future__ import annotations

from flask import Flask, current_app

from medflow.domain.engine import WorkflowEngine, build_engines
from medflow.domain.loader import load_workflows


def init_app(app: Flask) -> None:
    """Validate every definition and build one shared machine per workflow."""
    definitions = load_workflows(app.config["WORKFLOWS_DIR"])  # raises DefinitionError
    app.extensions["medflow.engines"] = build_engines(definitions)


def engines() -> dict[str, WorkflowEngine]:
    """Return the current app's workflow engines."""
    return current_app.extensions["medflow.engines"]
