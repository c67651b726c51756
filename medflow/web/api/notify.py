"""JSON API for notifications and cascades, under /api/v1 beside the case API."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user

from medflow.domain import values
from medflow.extensions import db
from medflow.services import cascade_views, cascades, notifications
from medflow.services.paging import parse_cursor
from medflow.services.visibility import fully_visible_ids
from medflow.web.api.cases import json_body
from medflow.web.notify.notify_json import cascade_json, notification_json, received_json, rollup_json

bp = Blueprint("notify", __name__)  # under /api/v1 (medflow.web.api)


@bp.get("/notifications")
def list_notifications():
    """Return the caller's unread count and newest notifications."""
    found = notifications.notification_page(db.session, current_user, parse_cursor(request.args.get("after")),
                                            current_app.config["NOTIFICATION_PAGE_SIZE"])
    readable = fully_visible_ids(db.session, current_user, (n.case_id for n in found.items))
    return jsonify(unread=notifications.unread_count(db.session, current_user),
                   notifications=[notification_json(n, n.case_id in readable) for n in found.items],
                   next_after=str(found.next_after) if found.next_after else None)


@bp.post("/notifications/read")
def read_notifications():
    """Mark notifications read: `ids` given, or all of them."""
    body = json_body() if request.content_length else {}  # no body: mark all read
    ids = values.idents("ids", body.get("ids"))
    return jsonify(unread=notifications.mark_read(db.session, current_user, ids))


@bp.post("/cascades")
def publish_cascade():
    """Publish a decision, information or task to the committees below."""
    body = json_body()
    new = cascades.NewCascade(
        committee=body.get("committee"), title=body.get("title"), body=body.get("body"),
        kind=body.get("kind"), due_date=body.get("due_date"),
        internal=values.flag("internal", body.get("internal", False)),
        levels=values.keys("levels", body.get("levels")),
        branches=values.keys("branches", body.get("branches")),
    )
    cascade = cascades.publish(db.session, current_user, new)
    return jsonify({**cascade_json(cascade), "received_by": len(cascade.receipts)}), 201


@bp.get("/cascades/<int:cascade_id>")
def show_cascade(cascade_id: int):
    """Return the roll-up of a cascade (for the sending committee)."""
    return jsonify(rollup_json(cascade_views.rollup(db.session, current_user, cascade_id)))


@bp.get("/information")
def information():
    """Return what the caller's committees received from above (not internal items)."""
    items = cascade_views.information_from_above(db.session, current_user)
    return jsonify(items=[received_json(i) for i in items])


@bp.post("/notifications/settings")
def notification_settings():
    """Turn notification e-mails on or off for the caller: {"email": true|false}."""
    body = json_body()
    values.flag("email", body.get("email"))
    person = notifications.set_email_opt_out(db.session, current_user, not body["email"])
    return jsonify(email=not person.email_opt_out)
