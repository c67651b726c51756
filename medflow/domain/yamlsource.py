"""YAML loading that remembers the line of every mapping, so errors can say where."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import yaml

from medflow.domain.errors import DefinitionError, Problem


class LineDict(dict):
    """A dict that knows the 1-based line it started on in its source file."""

    line: int = 0


class LineList(list):
    """A list that knows the 1-based line it started on in its source file."""

    line: int = 0


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser is ~10x faster
    """SafeLoader whose mappings are LineDicts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict):
            raise yaml.constructor.ConstructorError(None, None, "a list or mapping cannot be a key",
                                                    key_node.start_mark)
        if key in result:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {line})", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def line_of(value: Any) -> int | None:
    """Return the source line of a mapping loaded by this module, if known."""
    return getattr(value, "line", None)


def _line_at(text: str, position: int | None) -> int | None:
    return text.count("\n", 0, position) + 1 if position is not None else None


def load_text(text: str, name: str) -> Any:
    """Parse YAML text; a syntax error becomes a DefinitionError naming file and line."""
    collecting = gc.isenabled()
    gc.disable()  # the loaded tree has no cycles; the collector re-scanning it cost 3/4 of the time
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else _line_at(text, getattr(exc, "position", None))
        reason = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
        raise DefinitionError([Problem(name, line, f"invalid YAML: {reason}")]) from exc
    except RecursionError:  # nesting deeper than Python's stack: not an organisation or a workflow
        raise DefinitionError([Problem(name, 1, "invalid YAML: nested too deeply")]) from None
    finally:
        if collecting:
            gc.enable()


def load_file(path: str | Path, max_bytes: int | None = None) -> Any:
    """Read and parse one YAML file (refused unread when it is over `max_bytes`)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise DefinitionError([Problem(str(path), None, f"the file has {size} bytes; "
                                           f"at most {max_bytes} are allowed")])
        raw = path.read_bytes()
    except OSError as exc:
        raise DefinitionError([Problem(str(path), None, f"cannot read: {exc.strerror}")]) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DefinitionError([Problem(str(path), line, "not UTF-8 text (is it a binary file?)")]) from None
    return load_text(text, str(path))


class Problems(list):
    """The problems found in one file, gathered so that all of them are reported, not only the first."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file

    def add(self, node: Any, message: str, line: int | None = None, near: Any = None) -> None:
        """Record a problem at `line`, else where `node` started, else where `near` (its container) did."""
        self.append(Problem(self.file, line or line_of(node) or line_of(near) or 1, message))


def unknown_keys(problems: Problems, node: dict, allowed: set[str], what: str) -> None:
    """Record every key of `node` that is not in `allowed`."""
    for key in sorted(set(node) - allowed, key=str):
        problems.add(node, f"{what}: unknown key {key!r}")
