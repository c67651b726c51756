"""Agenda and minutes as PDF, rendered on the server from the same templates (WeasyPrint)."""

from __future__ import annotations

from flask import Response, render_template, request


def _no_fetch(url: str, *args, **kwargs):
    """Refuse every outside resource: the print templates carry their own CSS (no network at render)."""
    raise ValueError(f"not fetched: {url}")


def pdf_response(template: str, filename: str, **context) -> Response:
    """Render a template for print and return it as a PDF download."""
    from weasyprint import HTML  # imported here: the app starts even where Pango is missing

    html = render_template(template, **{**context, "pdf": True})
    body = HTML(string=html, base_url=request.host_url, url_fetcher=_no_fetch).write_pdf()
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
