"""The organisation page: the MED tree with each committee's members and roles."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

from medflow.extensions import db
from medflow.services import queries

bp = Blueprint("org", __name__)


@bp.get("/org")
@login_required
def tree():
    """Show every committee, nested under its parent, with members and roles."""
    committees = queries.org_chart(db.session)
    children: dict[int | None, list] = {}
    for committee in committees:
        children.setdefault(committee.parent_id, []).append(committee)
    known = {c.id for c in committees}
    roots = [c for c in committees if c.parent_id not in known]
    return render_template("org/tree.html", roots=roots, children=children)
