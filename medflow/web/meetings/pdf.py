"""Agenda and minutes as PDF, rendered on the server from the same templates (WeasyPrint)."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, render_template, request


def _no_fetch(url: str, *args, **kwargs):
    """Refuse every outside resource: the print templates carry their own CSS (no network at render)."""
    raise ValueError(f"not fetched: {url}")


def pdf_response(template: str, filename: str, **context) -> Response:
    """Render a template for print and return it as a PDF download."""
    from weasyprint import CSS, HTML  # imported here: the app starts even where Pango is missing

    html = render_template(template, **{**context, "pdf": True})
    css = CSS(string=(Path(current_app.static_folder) / "meeting-print.css").read_text(encoding="utf-8"))
    body = HTML(string=html, base_url=request.host_url, url_fetcher=_no_fetch).write_pdf(stylesheets=[css])
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
