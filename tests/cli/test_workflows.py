"""`medflow flowchart` exports the chart; the app does not start on an invalid topics file."""

import csv
import io
import shutil
from pathlib import Path

import pytest

from medflow import create_app
from medflow.cli.workflows import flowchart, workflows_check
from medflow.domain.errors import DefinitionError
from medflow.workflows import topics

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"
BAD_TOPICS = """\
topics:
  - key: kantine
    label: {da: Kantinen, en: The canteen}
    level: region
    role: discuss
    workflow: question
"""


@pytest.mark.parametrize("fmt, start, marker", [
    ("dot", "digraph medflow_flowchart {", '"topic-{key}" ['),
    ("mermaid", "---\ntitle: Hvilke opgaver løses hvor i MED-organisationen", "t_{key_}["),
    ("csv", "level,level_label,key,label,role,workflow", ",{key},"),
    ("svg", "<?xml", 'id="topic&#45;{key_dash}"'),
])
def test_flowchart_command_writes_each_format_to_stdout(app, fmt, start, marker):
    result = app.test_cli_runner().invoke(flowchart, ["--format", fmt])

    assert result.exit_code == 0, result.output
    assert result.output.startswith(start)
    with app.app_context():
        keys = [t.key for t in topics().topics]
    expected = [marker.format(key=k, key_=k.replace("-", "_"), key_dash=k.replace("-", "&#45;")) for k in keys]
    missing = [m for m in expected if m not in result.output]
    assert missing == []


def test_flowchart_command_writes_csv_in_english_to_a_file(app, tmp_path):
    out = tmp_path / "chart.csv"

    result = app.test_cli_runner().invoke(flowchart, ["--format", "csv", "--lang", "en", "--output", str(out)])

    assert result.exit_code == 0 and f"Wrote {out}." in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    with app.app_context():
        assert len(rows) == len(topics().topics)
    assert {r["key"]: r["label"] for r in rows}["apv"] == "Workplace risk assessment (APV) and action plan"


def test_flowchart_command_explains_that_svg_needs_graphviz(app):
    app.config["GRAPHVIZ_DOT"] = "no-such-graphviz-program"

    result = app.test_cli_runner().invoke(flowchart, ["--format", "svg"])

    assert result.exit_code == 1
    assert "Graphviz (the dot program) is not installed" in result.output


def test_app_refuses_to_start_on_an_invalid_topics_file(tmp_path):
    bad = tmp_path / "responsibilities.yaml"
    bad.write_text(BAD_TOPICS, encoding="utf-8")

    with pytest.raises(DefinitionError) as caught:
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "TOPICS_FILE": str(bad)})

    assert str(caught.value) == (
        f"{bad}:2: topic 'kantine': unknown level 'region' (use one of: kommune, omraade, lokal)"
    )


def test_workflows_check_also_validates_the_topics_file_beside_them(tmp_path):
    for name in ("question.yaml", "work_environment.yaml"):
        shutil.copy(WORKFLOWS / name, tmp_path / name)
    (tmp_path / "responsibilities.yaml").write_text(BAD_TOPICS, encoding="utf-8")

    result = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}).test_cli_runner().invoke(
        workflows_check, [str(tmp_path)])

    assert result.exit_code == 1
    assert f"{tmp_path / 'responsibilities.yaml'}:2: topic 'kantine': unknown level 'region'" in result.output
