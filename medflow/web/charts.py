"""Every chart medflow draws: SVG made on the server with pygal, so no page needs JavaScript to show one.

pygal (LGPL, released 2026) renders plain SVG from Python. Its SVG carries its own <style> and a
small inert <script>, so charts are served as images (`<img src=…svg>`) with their own narrow
Content-Security-Policy (`SVG_CSP`): an SVG shown as an image never runs a script, and the pages
keep their strict policy. Each chart's numbers are also in a table under it, for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygal
from flask import Response, current_app
from pygal.style import Style

LEGEND_COLUMNS = 3  # the reports' charts have up to seven series: their names must not be cut short
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
STYLE = Style(  # the site's ink, lines and accent (medflow.css), and a second colour for this year
    background="#ffffff", plot_background="#ffffff", foreground="#1d2330", foreground_strong="#1d2330",
    foreground_subtle="#d6dbe3", opacity="1", opacity_hover="1", transition="none",
    colors=("#9db7d5", "#0b5cad", "#1f7a3a", "#8a5a00", "#6b3fa0", "#b3261e", "#4d5566"),  # reports: up to 7
    font_family=FONT, label_font_family=FONT, major_label_font_family=FONT, value_font_family=FONT,
    value_label_font_family=FONT, title_font_family=FONT, legend_font_family=FONT, tooltip_font_family=FONT,
    title_font_size=16, label_font_size=12, major_label_font_size=12, legend_font_size=13,
)


def bar_chart(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
              formatter: Callable[[float], str], horizontal: bool = False) -> str:
    """Return a grouped bar chart as SVG text: one group per label, one bar per series.

    Long labels (the names of units) read better beside horizontal bars than rotated under them.
    A missing value (None: not imported, or hidden because too few people stand behind it) draws
    no bar; the table under the chart says which it is.
    """
    wide = not horizontal and len(labels) > 6
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    height = 120 + 44 * len(labels) if horizontal else 380 + (60 if wide else 0)
    more_rows = -(-len(series) // LEGEND_COLUMNS) - 1  # pygal leaves too little room below for a second row
    height += 24 * more_rows
    chart = kind(
        style=STYLE, js=(), disable_xml_declaration=True, width=760, height=max(height, 240),
        explicit_size=False, legend_at_bottom=True, legend_at_bottom_columns=min(len(series), LEGEND_COLUMNS),
        truncate_legend=40,
        x_label_rotation=35 if wide else 0, truncate_label=48, print_values=False, show_y_guides=True,
        value_formatter=lambda v: formatter(v) if v is not None else "", margin=12,
        margin_bottom=12 + 24 * more_rows, min_scale=4, include_x_axis=True, title=title)
    order = slice(None, None, -1) if horizontal else slice(None)  # pygal stacks upwards; read top-down
    chart.x_labels = list(labels)[order]
    for name, values in series:
        chart.add(name, list(values)[order])
    return chart.render(is_unicode=True)


LATE = "#b00020"  # overdue initiatives: the site's error red
GANTT_STYLE = Style(**{**STYLE.to_dict(), "colors": ("rgba(0,0,0,0)", "#0b5cad") * 4})  # gap, bar


def _runs(active: Sequence[bool]) -> list[tuple[int, int]]:
    """Return (start, length) of each unbroken stretch of True."""
    runs: list[tuple[int, int]] = []
    for i, on in enumerate(active):
        if on and runs and runs[-1][0] + runs[-1][1] == i:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        elif on:
            runs.append((i, 1))
    return runs


def timeline_chart(title: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[bool], bool]]) -> str:
    """Return a Gantt-like chart as SVG: a row per (label, active columns, late), a bar per unbroken stretch.

    pygal has no Gantt chart; stacked horizontal bars do it: each stretch is an invisible gap
    followed by a visible bar, so a row with two periods apart shows two bars. Late rows are red.
    """
    runs = [_runs(active) for _, active, _ in rows]
    chart = pygal.HorizontalStackedBar(
        style=GANTT_STYLE, js=(), disable_xml_declaration=True, width=760, explicit_size=False,
        height=max(240, 110 + 40 * len(rows)), show_legend=False, range=(0, max(len(columns), 1)),
        show_x_guides=False, show_y_guides=True, x_label_rotation=35 if len(columns) > 4 else 0,
        truncate_label=48, margin=12, print_values=False, title=title, value_formatter=lambda v: "")
    chart.y_labels = [{"label": label, "value": i + 0.5} for i, label in enumerate(columns)]
    chart.x_labels = [label for label, _, _ in rows][::-1]  # pygal stacks upwards; read top-down
    for n in range(max((len(r) for r in runs), default=0)):
        gaps, bars = [], []
        for row_runs, (_, _, late) in zip(runs, rows, strict=True):
            end = row_runs[n - 1][0] + row_runs[n - 1][1] if n else 0
            start, length = row_runs[n] if n < len(row_runs) else (end, 0)
            gaps.append(start - end)
            bars.append({"value": length, "color": LATE} if late else length)
        chart.add("", gaps[::-1])
        chart.add("", bars[::-1])
    return chart.render(is_unicode=True)


def svg_response(svg: str) -> Response:
    """Answer with a chart as an image, under its own narrow policy (`SVG_CSP`)."""
    response = current_app.response_class(svg, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = SVG_CSP
    return response
