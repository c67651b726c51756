"""The flowchart in each export format, as the CLI and the pages offer it."""

from __future__ import annotations

from medflow.diagrams.flowchart import flowchart_csv, flowchart_dot, flowchart_mermaid
from medflow.diagrams.render import render_svg
from medflow.domain.topics import TopicCatalog


def export_flowchart(catalog: TopicCatalog, fmt: str, lang: str, dot_program: str = "dot") -> str | None:
    """Return the flowchart as svg, dot, mermaid or csv text; None for svg without Graphviz."""
    if fmt == "svg":
        return render_svg(flowchart_dot(catalog, lang), dot_program)
    writers = {"dot": flowchart_dot, "mermaid": flowchart_mermaid, "csv": flowchart_csv}
    return writers[fmt](catalog, lang)
