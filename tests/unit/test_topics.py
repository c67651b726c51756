"""The topics file: the shipped data is complete, and every problem is reported with its line."""

from pathlib import Path

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.loader import load_workflows
from medflow.domain.topics import CENTRAL_PARTIES, ROLES, load_topics

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"


@pytest.fixture(scope="module")
def workflows():
    """Return the shipped workflow definitions."""
    return load_workflows(WORKFLOWS)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "responsibilities.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_TOPIC = """\
  - key: {key}
    label: {{da: Emne, en: Topic}}
    level: lokal
    role: discuss
    workflow: question
"""


def test_shipped_topics_cover_all_three_levels_in_danish_and_english(workflows):
    catalog = load_topics(WORKFLOWS / "responsibilities.yaml", workflows)

    assert len(catalog.topics) >= 20
    assert [lv.key for lv in catalog.levels] == ["kommune", "omraade", "lokal"]
    assert all(len(catalog.in_level(lv.key)) >= 3 for lv in catalog.levels)
    assert all(t.label.da and t.label.en and t.label.da != t.label.en for t in catalog.topics)
    assert {t.role for t in catalog.topics} <= set(ROLES)
    assert any(t.direct and t.level == "kommune" for t in catalog.topics)
    assert any(t.escalation and t.escalation.to == CENTRAL_PARTIES for t in catalog.topics)


def test_every_problem_in_a_topics_file_is_reported_with_file_and_line(tmp_path, workflows):
    path = _write(tmp_path, """\
topics:
  - key: dup
    label: {da: Et, en: One}
    level: lokal
    role: discuss
    workflow: question
  - key: dup
    label: {da: To, en: Two}
    level: lokal
    role: discuss
    workflow: question
  - key: nowhere
    label: {da: Tre}
    level: region
    role: vote
    workflow: complaint
    colour: red
  - key: downwards
    label: {da: Fire, en: Four}
    level: kommune
    role: decide
    workflow: question
    escalation:
      to: lokal
      rule: {da: Altid, en: Always}
""")
    with pytest.raises(DefinitionError) as caught:
        load_topics(path, workflows)

    found = {(p.line, p.message) for p in caught.value.problems}
    assert all(p.file == str(path) for p in caught.value.problems)
    assert (7, "topic 'dup' is defined twice (first on line 2)") in found
    assert (12, "topic 'nowhere': unknown level 'region' (use one of: kommune, omraade, lokal)") in found
    assert (12, "topic 'nowhere': unknown role 'vote' (use one of: inform, discuss, guideline, decide, "
                "carry_out)") in found
    assert (12, "topic 'nowhere': unknown workflow 'complaint' (use one of: cascade, question, "
                "work_environment)") in found
    assert (12, "topic 'nowhere': unknown key 'colour'") in found
    assert (13, "topic 'nowhere': label needs a text in both 'da' and 'en'") in found
    assert (24, "topic 'downwards': escalation must go to a higher level than 'kommune', not 'lokal'") in found
    assert f"{path}:12:" in str(caught.value)


def test_bad_yaml_is_reported_with_file_and_line(tmp_path, workflows):
    path = _write(tmp_path, "topics:\n  - key: a\n    label: {da: [unclosed\n")

    with pytest.raises(DefinitionError) as caught:
        load_topics(path, workflows)

    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (str(path), 4)
    assert problem.message.startswith("invalid YAML")


def test_levels_in_the_file_decide_the_lanes_and_escalation_targets(tmp_path, workflows):
    path = _write(tmp_path, """\
levels:
  - {key: hoved, label: {da: HovedMED, en: HovedMED}}
  - {key: arbejdsplads, label: {da: ArbejdspladsMED, en: ArbejdspladsMED}}
topics:
""" + GOOD_TOPIC.format(key="x").replace("lokal", "arbejdsplads") + """\
    escalation: {to: omraade, rule: {da: Altid, en: Always}}
""")
    with pytest.raises(DefinitionError) as caught:
        load_topics(path, workflows)

    assert [(p.line, p.message) for p in caught.value.problems] == [
        (10, "topic 'x': escalation to unknown level 'omraade'"),
    ]


def test_a_category_must_belong_to_the_topics_workflow(tmp_path, workflows):
    path = _write(tmp_path, "topics:\n" + GOOD_TOPIC.format(key="x") + "    category: accident\n")

    with pytest.raises(DefinitionError) as caught:
        load_topics(path, workflows)

    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "topic 'x': category 'accident' is not a category of workflow 'question'"),
    ]
