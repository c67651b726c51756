"""Load the workflow definitions and topics once per app and refuse to start if any is invalid."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from medflow.domain.engine import WorkflowEngine, build_engines
from medflow.domain.loader import load_workflows
from medflow.domain.offers import NO_OFFERS, OfferCatalog, load_offers
from medflow.domain.topics import EMPTY_CATALOG, TopicCatalog, load_topics

TOPICS_FILE_NAME = "responsibilities.yaml"
OFFERS_FILE_NAME = "offers.yaml"


def _data_file(app: Flask, setting: str, name: str) -> str | None:
    """Return the file `setting` names, else the workflows folder's `name` when there is one."""
    if app.config.get(setting):
        return app.config[setting]
    default = Path(app.config["WORKFLOWS_DIR"]) / name
    return str(default) if default.is_file() else None


def init_app(app: Flask) -> None:
    """Validate every definition and build one shared machine per workflow."""
    definitions = load_workflows(app.config["WORKFLOWS_DIR"])  # raises DefinitionError
    app.extensions["medflow.engines"] = build_engines(definitions)
    topics_file = _data_file(app, "TOPICS_FILE", TOPICS_FILE_NAME)
    catalog = load_topics(topics_file, definitions) if topics_file else EMPTY_CATALOG  # raises DefinitionError
    app.extensions["medflow.topics"] = catalog
    offers_file = _data_file(app, "OFFERS_FILE", OFFERS_FILE_NAME)
    app.extensions["medflow.offers"] = load_offers(offers_file, catalog) if offers_file else NO_OFFERS


def engines() -> dict[str, WorkflowEngine]:
    """Return the current app's workflow engines."""
    return current_app.extensions["medflow.engines"]


def topics() -> TopicCatalog:
    """Return the current app's topics (task kinds and their responsible levels)."""
    return current_app.extensions["medflow.topics"]


def offers() -> OfferCatalog:
    """Return the current app's wellbeing and prevention offers (linked to the topics they help with)."""
    return current_app.extensions["medflow.offers"]
