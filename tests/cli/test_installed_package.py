"""A non-editable install carries its templates, workflows, migrations, Danish catalogue and demo data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "instance", "build", "dist", "*.egg-info", "_data",
                                     "__pycache__", "*.py[co]", "*.mo", "screenshots", ".pytest_cache")
PROBE = """
import json, sys
import medflow
from flask import render_template
from flask_babel import force_locale, gettext
from flask_migrate import upgrade
from sqlalchemy import inspect
from medflow import create_app
from medflow.extensions import db
from medflow.web.forms import LoginForm

app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///" + sys.argv[1], "SECRET_KEY": "probe"})
with app.test_request_context("/login"):
    page = render_template("auth/login.html", form=LoginForm())
    with force_locale("da"):
        danish = gettext("%(field)s must be true or false.", field="confidential")
    upgrade()
    tables = inspect(db.engine).get_table_names()
print(json.dumps({"package": medflow.__file__, "templates": app.template_folder,
                  "workflows": sorted(app.extensions["medflow.engines"]),
                  "login_page": "<form" in page, "danish": danish, "tables": "case_events" in tables}))
"""


def _run(*args: str, cwd: Path | None = None, env: dict | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_an_installed_wheel_finds_its_templates_workflows_migrations_and_translations(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(tmp_path / "dist"),
         str(source))
    wheel = next((tmp_path / "dist").glob("medflow-*.whl"))
    _run(*pip, "install", "--no-deps", "--no-index", "--target", str(tmp_path / "site"), str(wheel))
    shutil.rmtree(source)  # nothing may be read from a checkout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDFLOW_", "DATABASE_URL"))}
    env["PYTHONPATH"] = str(tmp_path / "site")  # ahead of the project's own (editable) medflow
    out = _run(sys.executable, "-c", PROBE, str(tmp_path / "probe.db"), cwd=elsewhere, env=env)
    found = json.loads(out.strip().splitlines()[-1])
    assert found["package"].startswith(str(tmp_path / "site"))
    assert found["templates"].startswith(str(tmp_path / "site"))
    assert found["workflows"] == ["cascade", "question", "work_environment"]
    assert found["login_page"] and found["tables"]
    assert found["danish"] == "confidential skal være true eller false."
    medflow = [sys.executable, "-c", "from medflow.cli import main; main()"]  # what `medflow` runs
    demo_env = {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    _run(*medflow, "db", "upgrade", cwd=elsewhere, env=demo_env)
    demo = _run(*medflow, "demo", cwd=elsewhere, env=demo_env)
    assert "Demo organisation loaded: 95 created" in demo and "Demo meetings added: 5" in demo
    assert f"medflow org import {tmp_path / 'site' / 'medflow' / 'demo' / 'data' / 'people.csv'}" in demo
