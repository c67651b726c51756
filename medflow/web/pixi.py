"""The "pixi" guide of a workplace: a printable page and its PDF (made like the minutes' PDF)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

from medflow.extensions import db
from medflow.services.guidelines.pixi import pixi
from medflow.web.display import ROLE_LABELS
from medflow.web.meetings.pdf import pdf_response
from medflow.web.meetings.views import CHANNEL_LABELS

bp = Blueprint("pixi", __name__)


def _context(key: str) -> dict:
    return {"pixi": pixi(db.session, key), "role_labels": ROLE_LABELS, "channel_labels": CHANNEL_LABELS}


@bp.get("/committees/<key>/pixi")
@login_required
def page(key: str):
    """Show the workplace's pixi guide: where to go, where information comes from, who represents me."""
    return render_template("committees/pixi.html", **_context(key))


@bp.get("/committees/<key>/pixi.pdf")
@login_required
def pdf(key: str):
    """Download the pixi guide as PDF."""
    return pdf_response("committees/pixi.html", f"pixi-{key}.pdf", **_context(key))
