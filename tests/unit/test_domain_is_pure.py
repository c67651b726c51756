"""The domain core imports no web or database framework."""

import ast
from pathlib import Path

import medflow.domain

FORBIDDEN = {"flask", "flask_login", "flask_sqlalchemy", "flask_babel", "sqlalchemy", "werkzeug"}


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_domain_modules_import_neither_flask_nor_sqlalchemy():
    folder = Path(medflow.domain.__file__).parent
    files = sorted(folder.glob("*.py"))
    assert len(files) >= 8
    offenders = {f.name: _imported_roots(f) & FORBIDDEN for f in files}
    assert {name: bad for name, bad in offenders.items() if bad} == {}
