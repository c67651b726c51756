"""`medflow workflows check` on a binary or wrongly typed workflow file: file and line, no traceback."""

import pytest
from click.testing import CliRunner

from medflow.cli import cli


@pytest.mark.parametrize(("content", "where"), [
    (b"\x89PNG\r\n\x1a\n\x00\xff", ":1: not UTF-8 text"),
    (b"name: q\nstates: 5\n", ":1: 'states' must be a list"),
    (b"name: q\nstates: [a]\ntransitions: {accept: 1}\n", ":3: 'transitions' must be a list"),
    (b"name: q\nstates: [a]\nstatutory_deadlines: 7\n", ":1: 'statutory_deadlines' must be a list"),
    (b"- just\n- a list\n", ":1: a workflow file must be a mapping"),
    (b"name: q\n[a, b]: 1\n", ":2: invalid YAML: a list or mapping cannot be a key"),
    (b"name: q\nstates:\n  - {name: a, label: \x07}\n", ":3: invalid YAML"),
])
def test_a_bad_workflow_file_is_reported_with_file_and_line(tmp_path, content, where):
    path = tmp_path / "q.yaml"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["workflows", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{path}{where}" in result.output, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
