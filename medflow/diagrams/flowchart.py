"""The task-responsibility flowchart: one swimlane per MED level, one box per topic.

Lanes run left to right from the workplace up to KommuneMED and the central parties, so the
escalation arrows all point rightwards, from a topic to the lane it goes up to.
"""

from __future__ import annotations

import csv
import io
import textwrap

import graphviz

from medflow.domain.definitions import Label
from medflow.domain.topics import CENTRAL_PARTIES, ROLE_LABELS, Topic, TopicCatalog

TITLE = Label("Hvilke opgaver løses hvor i MED-organisationen", "Which tasks are solved where in MED")
DIRECT = Label("kan rejses direkte", "may be raised directly")
LANE_COLOURS = ("#eef3fb", "#eef8f0", "#fbf6e9", "#f6eefa", "#f3f3f3")
CSV_COLUMNS = ("level", "level_label", "key", "label", "role", "workflow", "direct",
               "escalation_to", "escalation_rule", "description")


def lanes(catalog: TopicCatalog) -> list[str]:
    """Return the lane keys left to right: the lowest level first, the central parties last."""
    used = {t.escalation.to for t in catalog.topics if t.escalation}
    tail = [CENTRAL_PARTIES] if CENTRAL_PARTIES in used else []
    return [lv.key for lv in reversed(catalog.levels)] + tail


def _box_text(topic: Topic, lang: str) -> str:
    role = ROLE_LABELS[topic.role].get(lang)
    extra = f" · {DIRECT.get(lang)}" if topic.direct else ""
    return "\n".join(textwrap.wrap(topic.label.get(lang), 30)) + f"\n({role}{extra})"


def _tooltip(topic: Topic, lang: str) -> str:
    return topic.description.get(lang) or topic.label.get(lang)


def _anchor(catalog: TopicCatalog, lane: str) -> str:
    """Return the node an arrow into `lane` points at (clipped at the lane's border)."""
    topics = catalog.in_level(lane)
    return f"topic-{topics[0].key}" if topics else f"lane-{lane}-head"


def _lane(g: graphviz.Digraph, catalog: TopicCatalog, lane: str, index: int, lang: str) -> None:
    with g.subgraph(name=f"cluster_{lane}") as c:
        c.attr(label=catalog.level_label(lane, lang), id=f"lane-{lane}", style="filled,rounded",
               fillcolor=LANE_COLOURS[index % len(LANE_COLOURS)], color="#8a8f98", rank="same",
               fontsize="14", fontname="Helvetica-Bold")
        topics = catalog.in_level(lane)
        if not topics:
            name = f"lane-{lane}-head"
            c.node(name, label=catalog.level_label(lane, lang), id=name, **{"class": f"lane-head lane-{lane}"})
        for t in topics:
            c.node(f"topic-{t.key}", label=_box_text(t, lang), id=f"topic-{t.key}", tooltip=_tooltip(t, lang),
                   **{"class": f"topic lane-{lane} role-{t.role}"})


def flowchart_graph(catalog: TopicCatalog, lang: str) -> graphviz.Digraph:
    """Return the flowchart as a graphviz Digraph (its `.source` is the DOT text)."""
    g = graphviz.Digraph(
        "medflow_flowchart",
        graph_attr={"rankdir": "LR", "newrank": "true", "compound": "true", "nodesep": "0.15",
                    "ranksep": "1.1", "label": TITLE.get(lang), "labelloc": "t", "fontsize": "18",
                    "fontname": "Helvetica-Bold"},
        node_attr={"shape": "box", "style": "rounded,filled", "fillcolor": "white", "fontname": "Helvetica",
                   "fontsize": "10", "width": "2.6"},
        edge_attr={"color": "#5b6370", "arrowsize": "0.7"},
    )
    order = lanes(catalog)
    for i, lane in enumerate(order):
        _lane(g, catalog, lane, i, lang)
    for left, right in zip(order, order[1:], strict=False):  # keep the lanes in order
        g.edge(_anchor(catalog, left), _anchor(catalog, right), style="invis")
    for t in catalog.topics:
        if t.escalation and t.escalation.to in order:
            g.edge(f"topic-{t.key}", _anchor(catalog, t.escalation.to), lhead=f"cluster_{t.escalation.to}",
                   id=f"escalation-{t.key}", tooltip=t.escalation.rule.get(lang))
    return g


def flowchart_dot(catalog: TopicCatalog, lang: str) -> str:
    """Return the flowchart as Graphviz DOT."""
    return flowchart_graph(catalog, lang).source


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br/>")


def _mermaid_id(key: str) -> str:
    return "t_" + key.replace("-", "_")


def flowchart_mermaid(catalog: TopicCatalog, lang: str) -> str:
    """Return the flowchart as a Mermaid flowchart with one subgraph per lane."""
    lines = ["---", f"title: {TITLE.get(lang)}", "---", "flowchart LR"]
    for lane in lanes(catalog):
        lines.append(f'  subgraph lane_{lane}["{_mermaid_text(catalog.level_label(lane, lang))}"]')
        lines.append("    direction TB")
        for t in catalog.in_level(lane):
            lines.append(f'    {_mermaid_id(t.key)}["{_mermaid_text(_box_text(t, lang))}"]')
        if lane == CENTRAL_PARTIES:
            lines.append(f'    cp["{_mermaid_text(catalog.level_label(lane, lang))}"]')
        lines.append("  end")
    for t in catalog.topics:
        if t.escalation:
            lines.append(f"  {_mermaid_id(t.key)} --> lane_{t.escalation.to}")
    return "\n".join(lines) + "\n"


def table_rows(catalog: TopicCatalog, lang: str) -> list[dict[str, str]]:
    """Return one row per topic, top level first, with texts in `lang`."""
    rows = []
    for level in catalog.levels:
        for t in catalog.in_level(level.key):
            esc = t.escalation
            rows.append({
                "level": t.level, "level_label": level.label.get(lang), "key": t.key,
                "label": t.label.get(lang), "role": ROLE_LABELS[t.role].get(lang), "workflow": t.workflow,
                "direct": "yes" if t.direct else "no",
                "escalation_to": esc.to if esc else "", "escalation_rule": esc.rule.get(lang) if esc else "",
                "description": t.description.get(lang),
            })
    return rows


def flowchart_csv(catalog: TopicCatalog, lang: str) -> str:
    """Return the flowchart as CSV, one topic a row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table_rows(catalog, lang))
    return out.getvalue()
