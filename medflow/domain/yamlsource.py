"""YAML loading that remembers the line of every mapping, so errors can say where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from medflow.domain.errors import DefinitionError, Problem


class LineDict(dict):
    """A dict that knows the 1-based line it started on in its source file."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are LineDicts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {line})", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(value: Any) -> int | None:
    """Return the source line of a mapping loaded by this module, if known."""
    return getattr(value, "line", None)


def load_text(text: str, name: str) -> Any:
    """Parse YAML text; a syntax error becomes a DefinitionError naming file and line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise DefinitionError([Problem(name, line, f"invalid YAML: {reason}")]) from exc


def load_file(path: str | Path) -> Any:
    """Read and parse one YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DefinitionError([Problem(str(path), None, f"cannot read: {exc.strerror}")]) from exc
    return load_text(text, str(path))


class Problems(list):
    """The problems found in one file, gathered so that all of them are reported, not only the first."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file

    def add(self, node: Any, message: str, line: int | None = None) -> None:
        """Record a problem at `line`, else at the line `node` started on."""
        self.append(Problem(self.file, line or line_of(node), message))


def unknown_keys(problems: Problems, node: dict, allowed: set[str], what: str) -> None:
    """Record every key of `node` that is not in `allowed`."""
    for key in sorted(set(node) - allowed, key=str):
        problems.add(node, f"{what}: unknown key {key!r}")
