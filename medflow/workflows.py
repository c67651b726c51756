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


# What was built from the same files, unchanged since, in this process: the machines and catalogues
# are read-only once built, so apps made from the same files share them (tests make an app each).
_BUILT: dict[tuple, tuple] = {}


def _signature(folder: str, *files: str | None) -> tuple:
    """Return what identifies the definitions: every file's path, size and modification time."""
    paths = [*sorted(Path(folder).rglob("*")), *(Path(f) for f in files if f)]
    return tuple((str(p), s.st_size, s.st_mtime_ns) for p in paths if p.is_file() and (s := p.stat()))


def _build(folder: str, topics_file: str | None, offers_file: str | None) -> tuple:
    """Validate every definition (raises DefinitionError) and build the machines and catalogues."""
    definitions = load_workflows(folder)
    catalog = load_topics(topics_file, definitions) if topics_file else EMPTY_CATALOG
    return build_engines(definitions), catalog, load_offers(offers_file, catalog) if offers_file else NO_OFFERS


def init_app(app: Flask) -> None:
    """Validate every definition and build one shared machine per workflow."""
    folder = app.config["WORKFLOWS_DIR"]
    topics_file = _data_file(app, "TOPICS_FILE", TOPICS_FILE_NAME)
    offers_file = _data_file(app, "OFFERS_FILE", OFFERS_FILE_NAME)
    key = (folder, topics_file, offers_file, _signature(folder, topics_file, offers_file))
    if key not in _BUILT:
        _BUILT[key] = _build(folder, topics_file, offers_file)
    engines_, catalog, offers_ = _BUILT[key]
    app.extensions.update({"medflow.engines": engines_, "medflow.topics": catalog, "medflow.offers": offers_})


def engines() -> dict[str, WorkflowEngine]:
    """Return the current app's workflow engines."""
    return current_app.extensions["medflow.engines"]


def topics() -> TopicCatalog:
    """Return the current app's topics (task kinds and their responsible levels)."""
    return current_app.extensions["medflow.topics"]


def offers() -> OfferCatalog:
    """Return the current app's wellbeing and prevention offers (linked to the topics they help with)."""
    return current_app.extensions["medflow.offers"]
