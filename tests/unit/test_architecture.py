"""The layers stay layers: no import circles, nothing below the web imports it, the product never the demo.

The graph counts every import, also those inside functions (see tests/helpers/import_graph.py).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.import_graph import cycles, import_graph, upward_imports

ROOT = Path(__file__).resolve().parents[2]
BELOW_WEB = ("medflow.domain", "medflow.persistence", "medflow.services", "medflow.notify", "medflow.demo")
PRODUCT = ("medflow.domain", "medflow.persistence", "medflow.services", "medflow.notify", "medflow.web",
           "medflow.app", "medflow.wiring")


def _package(root: Path, files: dict[str, str]) -> Path:
    """Write a small package under `root` from {relative path: source}; return `root`."""
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


def test_medflow_has_no_import_cycle():
    graph = import_graph(ROOT, "medflow")

    assert len(graph) > 100  # the whole package was read
    assert cycles(graph) == []


def test_nothing_below_the_web_layer_imports_it():
    graph = import_graph(ROOT, "medflow")

    assert upward_imports(graph, BELOW_WEB, "medflow.web") == []


def test_the_product_never_imports_the_demo():
    graph = import_graph(ROOT, "medflow")

    assert upward_imports(graph, PRODUCT, "medflow.demo") == []


def test_a_planted_cycle_is_found_also_through_a_function_level_and_a_relative_import(tmp_path):
    root = _package(tmp_path, {
        "medflow/__init__.py": "",
        "medflow/notify/__init__.py": "from medflow.notify.compose import compose\n",
        "medflow/notify/compose.py": "def compose():\n    from . import texts\n",
        "medflow/notify/texts.py": "from medflow.notify import compose\n",
        "medflow/services/cases.py": "from medflow.notify import texts\n",
    })

    assert cycles(import_graph(root, "medflow")) == [["medflow.notify.compose", "medflow.notify.texts"]]


def test_a_planted_upward_import_is_found_but_one_for_type_checking_only_is_not(tmp_path):
    root = _package(tmp_path, {
        "medflow/__init__.py": "",
        "medflow/web/__init__.py": "",
        "medflow/web/display.py": "from medflow.services import cases\n",
        "medflow/services/__init__.py": "",
        "medflow/services/cases.py": "import medflow.web.display\n",
        "medflow/services/typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                     "    from medflow.web import display\n",
    })
    graph = import_graph(root, "medflow")

    upward = upward_imports(graph, BELOW_WEB, "medflow.web")

    assert upward == [("medflow.services.cases", "medflow.web.display")]
    assert cycles(graph) == [["medflow.services.cases", "medflow.web.display"]]
