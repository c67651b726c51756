"""The audit page: every change to the organisation, who made it, when, before and after."""

from __future__ import annotations

from flask import render_template, request

from medflow.domain import values
from medflow.domain.limits import ID_MAX
from medflow.extensions import db
from medflow.services.admin import audit as service
from medflow.web.admin.audit_words import HELPERS
from medflow.web.admin.guard import bp

PER_PAGE = 50
MAX_PAGE = ID_MAX // PER_PAGE  # an offset the databases can still take


@bp.get("/audit")
def audit():
    """List audit rows, newest first, optionally one kind of change; 50 a page."""
    page = values.page(request.args.get("page"), MAX_PAGE)
    action = request.args.get("action") or None
    rows, total = service.entries(db.session, page=page, per_page=PER_PAGE, action=action)
    return render_template("admin/audit.html", rows=rows, total=total, page=page, per_page=PER_PAGE,
                           action=action, actions=service.actions(db.session),
                           committee_names=service.committee_names(db.session), **HELPERS)
