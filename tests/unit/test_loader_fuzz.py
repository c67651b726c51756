"""Fuzz the organisation, workflow and topics loaders (Hypothesis, fixed seed): whatever a file holds, the
answer is a definition or problems that each name the file and a line, never a traceback."""

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from medflow.domain.errors import DefinitionError
from medflow.domain.loader import load_workflows, parse_workflow
from medflow.domain.org import parse_org
from medflow.domain.topics import parse_topics
from medflow.domain.yamlsource import load_text
from tests.factories import ORG

WORKFLOWS_DIR = Path(__file__).resolve().parents[2] / "workflows"
WORKFLOW_TEXT = (WORKFLOWS_DIR / "work_environment.yaml").read_text()
WORKFLOWS = load_workflows(WORKFLOWS_DIR)
ORG_TEXT = yaml.safe_dump(ORG, allow_unicode=True, sort_keys=False)
# 150 examples a test keep the four near half a minute; MEDFLOW_FUZZ_EXAMPLES raises it (e.g. nightly).
FUZZ = settings(max_examples=max(150, int(os.environ.get("MEDFLOW_FUZZ_EXAMPLES", "0"))), deadline=None,
                database=None, suppress_health_check=list(HealthCheck))

SCALARS = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True)
           | st.text(max_size=12) | st.sampled_from(["kommune", "lokal", "chair", "lok-skole", "=", "accept"]))
ANYTHING = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=3), max_leaves=6)


@st.composite
def mutated(draw, node):
    """Return `node` with some of its parts replaced, dropped or joined by arbitrary values."""
    if draw(st.integers(0, 11)) == 0:
        return draw(ANYTHING)
    if isinstance(node, dict):
        result = {k: draw(mutated(v)) for k, v in node.items() if draw(st.integers(0, 15))}
        if draw(st.integers(0, 7)) == 0:
            result[draw(st.text(max_size=8))] = draw(ANYTHING)
        return result
    if isinstance(node, list):
        return [draw(mutated(v)) for v in node if draw(st.integers(0, 15))]
    return node


@st.composite
def edited_text(draw, text: str):
    """Return `text` with a few characters (control characters and junk included) inserted or cut."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.text(min_size=1, max_size=6)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
    return text


def answers_with_file_and_line(parse, text: str, file: str) -> None:
    """Parse `text`; a refusal must list problems that each carry the file and a line."""
    try:
        parse(load_text(text, file), file)
    except DefinitionError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == file and isinstance(problem.line, int) and problem.line >= 1, problem


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@seed(8)
@FUZZ
@given(data=mutated(yaml.safe_load(ORG_TEXT)))
def test_a_mutated_organisation_is_parsed_or_refused_with_lines(data):
    answers_with_file_and_line(parse_org, _dump(data), "org.yaml")


@seed(8)
@FUZZ
@given(text=edited_text(ORG_TEXT))
def test_an_edited_organisation_file_is_parsed_or_refused_with_lines(text):
    answers_with_file_and_line(parse_org, text, "org.yaml")


@seed(8)
@FUZZ
@given(data=mutated(yaml.safe_load(WORKFLOW_TEXT)))
def test_a_mutated_workflow_is_parsed_or_refused_with_lines(data):
    answers_with_file_and_line(parse_workflow, _dump(data), "work_environment.yaml")


@seed(8)
@FUZZ
@given(text=edited_text(WORKFLOW_TEXT))
def test_an_edited_workflow_file_is_parsed_or_refused_with_lines(text):
    answers_with_file_and_line(parse_workflow, text, "work_environment.yaml")


TOPICS_TEXT = (WORKFLOWS_DIR / "responsibilities.yaml").read_text()
# The structure mutated: every level and the first eight topics (each field kind, synonyms included);
# the whole file's 36 topics made each example draw thousands of times for no new kind of node.
TOPICS_SAMPLE = {**yaml.safe_load(TOPICS_TEXT), "topics": yaml.safe_load(TOPICS_TEXT)["topics"][:8]}


def _parse_topics(data, file):
    return parse_topics(data, file, WORKFLOWS)


@seed(8)
@FUZZ
@given(data=mutated(TOPICS_SAMPLE))
def test_a_mutated_topics_file_is_parsed_or_refused_with_lines(data):
    answers_with_file_and_line(_parse_topics, _dump(data), "responsibilities.yaml")


@seed(8)
@FUZZ
@given(text=edited_text(TOPICS_TEXT))
def test_an_edited_topics_file_is_parsed_or_refused_with_lines(text):
    answers_with_file_and_line(_parse_topics, text, "responsibilities.yaml")
