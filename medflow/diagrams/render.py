"""Turn DOT into SVG with Graphviz's `dot` program, offline; None when `dot` is not installed."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

TIMEOUT_SECONDS = 30


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
    return result.stdout.decode("utf-8")


def inline_svg(svg: str) -> str:
    """Return the <svg> element alone, without the XML prolog, for embedding in HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg
