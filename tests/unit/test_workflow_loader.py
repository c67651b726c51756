"""Workflow files are validated: every problem is reported with its file and line."""

from pathlib import Path

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.loader import load_workflows

VALID = """\
name: mini
initial: open
states:
  - {name: open}
  - {name: done, final: true}
transitions:
  - trigger: finish
    source: open
    dest: done
    roles: [chair]
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    """Write `text` as a workflow file and return its problems as 'file:line: message'."""
    (tmp_path / "mini.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as error:
        load_workflows(tmp_path)
    return [str(p) for p in error.value.problems]


def test_a_valid_file_loads(tmp_path):
    (tmp_path / "mini.yaml").write_text(VALID, encoding="utf-8")
    assert load_workflows(tmp_path)["mini"].events() == ("finish",)


@pytest.mark.parametrize(("change", "expected"), [
    (("    roles: [chair]\n", ""), "mini.yaml:7: event 'finish': no role may fire it (add 'roles')"),
    (("roles: [chair]", "roles: [boss]"), "mini.yaml:7: event 'finish': unknown role 'boss'"),
    (("roles: [chair]", "roles: [chair]\n    requires: [reason]"),
     "mini.yaml:7: event 'finish': unknown required field 'reason'"),
    (("roles: [chair]", "roles: [chair]\n    conditions: [is_friday]"),
     "mini.yaml:7: event 'finish': unknown condition 'is_friday'"),
    (("roles: [chair]", "roles: [chair]\n    conditions: [at_workplace, above_workplace]"),
     "mini.yaml:7: event 'finish': conditions above_workplace and at_workplace can never hold together"),
    (("roles: [chair]", "roles: [chair]\n    route: sideways"),
     "mini.yaml:7: event 'finish': unknown route 'sideways' (use one of parent, child)"),
    (("  - {name: done, final: true}", "  - {name: done, final: true}\n  - {name: lost, final: true}"),
     "mini.yaml:6: state 'lost' cannot be reached from 'open'"),
    (("{name: done, final: true}", "{name: done}"),
     "mini.yaml:5: state 'done' has no way out and is not marked final"),
    (("  - {name: done, final: true}", "  - {name: done, final: true}\n  - {name: open}"),
     "mini.yaml:6: state 'open' is defined twice"),
    (("    roles: [chair]\n",
      "    roles: [chair]\n  - {trigger: finish, source: open, dest: done, roles: [tr]}\n"),
     "mini.yaml:11: event 'finish' is defined twice from state 'open'"),
    (("states:", "colour: blue\nstates:"), "mini.yaml:1: workflow: unknown key 'colour'"),
])
def test_each_problem_is_reported_with_file_and_line(tmp_path, change, expected):
    found = problems(tmp_path, VALID.replace(*change))
    assert [p.split("/")[-1] for p in found] == [expected]
    assert all(p.startswith(str(tmp_path / "mini.yaml") + ":") for p in found)


@pytest.mark.parametrize(("change", "expected"), [
    (("source: open", "source: opne"), [
        "mini.yaml:7: event 'finish': unknown source state 'opne'",
        "mini.yaml:4: state 'open' has no way out and is not marked final",
        "mini.yaml:5: state 'done' cannot be reached from 'open'"]),
    (("dest: done", "dest: finished"), [
        "mini.yaml:7: event 'finish': unknown destination state 'finished'",
        "mini.yaml:5: state 'done' cannot be reached from 'open'"]),
])
def test_an_unknown_state_is_reported_with_what_follows_from_it(tmp_path, change, expected):
    assert [p.split("/")[-1] for p in problems(tmp_path, VALID.replace(*change))] == expected


def test_bad_yaml_syntax_is_reported_with_its_line(tmp_path):
    found = problems(tmp_path, VALID.replace("source: open", "source: [open"))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'mini.yaml'}:")
    assert "invalid YAML" in found[0]
    assert int(found[0].split(":")[1]) in (8, 9)


def test_all_problems_of_a_file_are_reported_together(tmp_path):
    text = (VALID.replace("source: open", "source: opne").replace("roles: [chair]", "roles: [boss]")
            .replace("  - {name: done, final: true}", "  - {name: done, final: true}\n  - {name: lost}"))
    found = [p.split("/")[-1] for p in problems(tmp_path, text)]
    assert found == [
        "mini.yaml:8: event 'finish': unknown source state 'opne'",
        "mini.yaml:8: event 'finish': unknown role 'boss'",
        "mini.yaml:4: state 'open' has no way out and is not marked final",
        "mini.yaml:5: state 'done' cannot be reached from 'open'",
        "mini.yaml:6: state 'lost' cannot be reached from 'open'",
        "mini.yaml:6: state 'lost' has no way out and is not marked final",
    ]


def test_problems_in_several_files_are_all_reported(tmp_path):
    (tmp_path / "a.yaml").write_text(VALID.replace("name: mini", "name: a").replace("dest: done", "dest: x"))
    (tmp_path / "b.yaml").write_text("name: b\nstates: [\n")
    with pytest.raises(DefinitionError) as error:
        load_workflows(tmp_path)
    assert {Path(p.file).name for p in error.value.problems} == {"a.yaml", "b.yaml"}


def test_a_folder_without_workflows_is_a_problem(tmp_path):
    with pytest.raises(DefinitionError, match="no workflow files found"):
        load_workflows(tmp_path)


def test_the_shipped_workflows_are_valid():
    found = load_workflows(Path(__file__).resolve().parents[2] / "workflows")
    assert set(found) == {"cascade", "question", "work_environment"}


def test_a_level_condition_loads_and_the_diagram_names_the_level(tmp_path):
    from medflow.diagrams.workflow import edge_label

    text = VALID.replace("roles: [chair]", "roles: [chair]\n    conditions: [above_workplace]")
    (tmp_path / "mini.yaml").write_text(text, encoding="utf-8")
    finish = load_workflows(tmp_path)["mini"].transitions[0]
    assert finish.conditions == ("above_workplace",)
    assert edge_label(finish, "da") == "finish (over arbejdspladsen)"
    assert edge_label(finish, "en") == "finish (above the workplace)"
