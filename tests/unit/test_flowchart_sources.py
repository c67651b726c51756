"""The flowchart as DOT, Mermaid, SVG and CSV puts every topic in the lane of its level."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from medflow.diagrams.flowchart import flowchart_csv, flowchart_dot, flowchart_mermaid, lanes
from medflow.diagrams.render import render_svg
from medflow.diagrams.workflow import workflow_dot, workflow_mermaid
from medflow.domain.loader import load_workflows
from medflow.domain.topics import load_topics

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def workflows():
    """Return the shipped workflow definitions."""
    return load_workflows(WORKFLOWS)


@pytest.fixture(scope="module")
def catalog(workflows):
    """Return the shipped topics."""
    return load_topics(WORKFLOWS / "responsibilities.yaml", workflows)


def _dot_lanes(dot: str) -> dict[str, set[str]]:
    blocks = re.findall(r"subgraph cluster_(\w+) \{(.*?)\n\t\}", dot, re.S)
    return {lane: set(re.findall(r'"topic-([\w-]+)" \[', body)) for lane, body in blocks}


def test_dot_puts_every_topic_in_the_cluster_of_its_level(catalog):
    found = _dot_lanes(flowchart_dot(catalog, "da"))

    expected = {lv.key: {t.key for t in catalog.in_level(lv.key)} for lv in catalog.levels}
    assert {lane: found[lane] for lane in expected} == expected
    assert found["central_parties"] == set()
    assert lanes(catalog) == ["lokal", "omraade", "kommune", "central_parties"]


def test_dot_draws_an_escalation_arrow_into_the_lane_above(catalog):
    dot = flowchart_dot(catalog, "en")

    for t in catalog.topics:
        arrows = re.findall(rf'"topic-{t.key}" -> "[\w-]+" \[[^\]]*lhead=cluster_(\w+)', dot)
        assert arrows == ([t.escalation.to] if t.escalation else []), t.key
    assert "Which tasks are solved where in MED" in dot


def test_mermaid_puts_every_topic_in_the_subgraph_of_its_level(catalog):
    text = flowchart_mermaid(catalog, "da")
    blocks = dict(re.findall(r"subgraph lane_(\w+)\[.*?\n(.*?)\n  end", text, re.S))

    for t in catalog.topics:
        node = "t_" + t.key.replace("-", "_")
        assert [lane for lane, body in blocks.items() if f"    {node}[" in body] == [t.level]
        if t.escalation:
            assert f"  {node} --> lane_{t.escalation.to}\n" in text
    assert text.splitlines()[3] == "flowchart LR"


def _lane_box(lane) -> tuple[float, float, float, float]:
    """Return left, right, top, bottom of a lane's outline (a rounded path)."""
    outline = lane.find(f"{SVG}path")
    pairs = re.findall(r"(-?[\d.]+),(-?[\d.]+)", outline.get("d"))
    xs, ys = [float(x) for x, _ in pairs], [float(y) for _, y in pairs]
    return min(xs), max(xs), min(ys), max(ys)


def test_svg_draws_every_topic_inside_the_lane_of_its_level(catalog):
    root = ET.fromstring(render_svg(flowchart_dot(catalog, "da")).encode())
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}

    for t in catalog.topics:
        node = groups[f"topic-{t.key}"]
        assert f"lane-{t.level}" in node.get("class").split()
        text = node.find(f".//{SVG}text")
        x, y = float(text.get("x")), float(text.get("y"))
        left, right, top, bottom = _lane_box(groups[f"lane-{t.level}"])
        assert left < x < right and top < y < bottom, t.key
        assert t.label.da.split()[0] in "".join(node.itertext())


def test_csv_has_one_row_per_topic_with_its_level(catalog):
    rows = list(csv.DictReader(io.StringIO(flowchart_csv(catalog, "en"))))

    assert [(r["key"], r["level"]) for r in rows] == [
        (t.key, lv.key) for lv in catalog.levels for t in catalog.in_level(lv.key)
    ]
    assert rows[0]["level_label"] == "KommuneMED (main committee)"


def test_workflow_diagram_has_every_state_and_highlights_the_current_one(workflows):
    wf = workflows["question"]

    plain, current = workflow_dot(wf, "da"), workflow_dot(wf, "da", "accepted")

    assert all(f'id="state-{s.name}"' in plain for s in wf.states)
    assert "#d6e9f8" not in plain
    assert re.search(r'accepted \[[^\]]*fillcolor="#d6e9f8"', current)
    assert re.search(r'class="state current"[^\]]*id="state-accepted"', current)
    assert "Tag under behandling" in plain
    mermaid = workflow_mermaid(wf, "en", "scheduled")
    assert "Class scheduled s_active" in mermaid and 'state "On the agenda" as scheduled' in mermaid


def test_a_closed_case_is_shown_calmly_in_its_end_state(workflows):
    wf = workflows["question"]
    dot = workflow_dot(wf, "da", "resolved")
    [resolved] = re.findall(r'\tresolved \[[^\]]*class="state current final"[^\]]*\]', dot)
    assert 'fillcolor="#d6e9f8"' in resolved and "peripheries=2" in resolved
    assert not re.search(r"red|darksalmon", dot)
    finals = {s.name for s in wf.states if s.final}
    assert finals and all(re.search(rf'\t{name} \[[^\]]*final[^\]]*peripheries=2', dot) for name in finals)
