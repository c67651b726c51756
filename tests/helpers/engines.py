"""The shipped workflows, loaded once for the domain's own tests (no app, no database)."""

from __future__ import annotations

from pathlib import Path

from medflow.domain.engine import build_engines
from medflow.domain.loader import load_workflows

WORKFLOWS_DIR = Path(__file__).resolve().parents[2] / "workflows"
ENGINES = build_engines(load_workflows(WORKFLOWS_DIR))
