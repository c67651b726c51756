"""Turn DOT into SVG with Graphviz's `dot` program, offline; None when `dot` is not installed."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from functools import lru_cache

TIMEOUT_SECONDS = 30
# A drawn node, edge or cluster: Graphviz titles it with its internal id (a state key, `a->b`).
_GROUP = re.compile(r'(<g id="[^"]+" class="(?:node|edge|cluster)[^"]*">\s*)<title>.*?</title>(.*?)</g>', re.S)
_GRAPH_TITLE = re.compile(r'(<g id="graph0" class="graph"[^>]*>\s*)<title>.*?</title>', re.S)
_TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.S)


class RenderError(RuntimeError):
    """`dot` ran but could not draw the source."""


@lru_cache(maxsize=64)
def render_svg(source: str, program: str = "dot") -> str | None:
    """Return the SVG drawing of a DOT source, or None if Graphviz is not installed."""
    executable = shutil.which(program)
    if executable is None:
        return None
    result = subprocess.run(  # noqa: S603 - a fixed program with the source on stdin
        [executable, "-Tsvg"], input=source.encode("utf-8"), capture_output=True,
        timeout=TIMEOUT_SECONDS, check=False,
    )
    if result.returncode != 0:
        raise RenderError(result.stderr.decode("utf-8", "replace").strip())
    return readable_titles(result.stdout.decode("utf-8"))


def readable_titles(svg: str) -> str:
    """Title each drawn thing by the words it shows, not by its id, so tooltips never show a key.

    Browsers show an SVG `<title>` as the tooltip and screen readers read it; Graphviz fills it
    with the DOT id (`submitted`, `cluster_kommune`, `accepted->resolved`). The graph's own title
    (its DOT name) is dropped: the page around the drawing names it.
    """
    def retitle(match: re.Match) -> str:
        words = " ".join(html.unescape(t).strip() for t in _TEXT.findall(match.group(2)) if t.strip())
        title = f"<title>{html.escape(words, quote=False)}</title>" if words else ""
        return f"{match.group(1)}{title}{match.group(2)}</g>"

    return _GRAPH_TITLE.sub(r"\1", _GROUP.sub(retitle, svg))


def inline_svg(svg: str) -> str:
    """Return the <svg> element alone, without the XML prolog, for embedding in HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg
