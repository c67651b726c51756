"""The import graph between a package's modules, read from the source with `ast`, and its faults.

Every import statement counts, module-level or inside a function: an import moved into a
function hides a circle from Python's start-up but leaves the two modules knowing each other.
Only imports under `if TYPE_CHECKING:` are left out (they never run). An import of a submodule
counts as an arrow to that module, not to the packages above it: Python runs a package's
`__init__` first, but that is how packages work, not a dependency the module chose.
"""

from __future__ import annotations

import ast
from pathlib import Path

Graph = dict[str, set[str]]


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Return every module of `package` (a folder under `root`) by its dotted name."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.AST) -> bool:
    """Tell whether `node` is `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`)."""
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _imports(tree: ast.AST):
    """Yield every Import and ImportFrom node, skipping the bodies of `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        if _is_type_checking(node):
            for other in node.orelse:
                yield from _imports(other)
            continue
        yield from _imports(node)


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """Return the longest known module that `name` names or lies in (None outside the package)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
             modules: dict[str, Path]) -> set[str | None]:
    """Return the package's modules one import statement reaches (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return {_known(alias.name, modules) for alias in node.names}
    source = node.module or ""
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - node.level + 1]
        source = ".".join(base + ([node.module] if node.module else []))
    return {f"{source}.{a.name}" if f"{source}.{a.name}" in modules else _known(source, modules)
            for a in node.names}


def import_graph(root: Path, package: str) -> Graph:
    """Return module -> the package's modules it imports."""
    modules = module_files(root, package)
    graph: Graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets: set[str | None] = set()
        for node in _imports(tree):
            targets |= _targets(node, name, path.name == "__init__.py", modules)
        graph[name] = {t for t in targets if t and t != name}
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """Return each group of modules that import each other round a circle (Tarjan's SCC), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for child in sorted(graph.get(node, ())):
            if child not in index:
                visit(child)
                low[node] = min(low[node], low[child])
            elif child in stack:
                low[node] = min(low[node], index[child])
        if low[node] == index[node]:
            group = stack[stack.index(node):]
            del stack[stack.index(node):]
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def upward_imports(graph: Graph, lower: tuple[str, ...], upper: str) -> list[tuple[str, str]]:
    """Return (importer, imported) for every module under one of `lower` that imports `upper`."""
    return sorted((source, target) for source, targets in graph.items() for target in targets
                  if any(_within(source, layer) for layer in lower) and _within(target, upper))
