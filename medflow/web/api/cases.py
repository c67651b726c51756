"""JSON API under /api/v1 (bearer tokens); the URLs and keys are a contract."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user

from medflow.domain import values
from medflow.domain.definitions import EVENT_FIELDS
from medflow.domain.errors import Invalid, _
from medflow.domain.visibility import Level
from medflow.extensions import db
from medflow.services import action_items, queries
from medflow.services import cases as case_service
from medflow.services import topics as topic_service
from medflow.services.access import case_view
from medflow.services.case_history import History, read_history, steps_known
from medflow.services.paging import parse_cursor
from medflow.services.visibility import full_in_holder
from medflow.web.cases.redacted import redacted_case_json, redacted_summary
from medflow.web.cases.serialize import (
    case_json,
    case_route,
    case_summary,
    committee_tree,
    topic_json,
    workflow_json,
)
from medflow.web.display import lang
from medflow.workflows import engines, topics

bp = Blueprint("cases", __name__)  # under /api/v1 (medflow.web.api)


def json_body() -> dict:
    """Return the request's JSON object, or raise Invalid when the body is not one."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Invalid(_("The body must be a JSON object."))
    return body


def _me():
    """Return the caller's Person itself: a service reads it dozens of times, each through the proxy."""
    return current_user._get_current_object()


def _case_response(case, status: int = 200, history: History | None = None, session=None):
    """Answer with the case, its history (an event's answer has read it already) and the caller's actions."""
    session = session or db.session()
    if history is None:
        history = read_history(session, case.id)
    with steps_known(session, case.id, history.steps):  # the actions may ask where the case came from
        actions = case_service.allowed_actions(session, engines(), _me(), case)
    body = case_json(case, actions, history, _plan_items(case))  # keys and values only: no locale
    body.update(case_route(case, topics(), history.steps), redacted=False)
    return jsonify(body), status


def _plan_items(case) -> list:
    """Return the case's action-plan items: as loaded with it, else read only if its workflow has a plan."""
    if "action_items" in case.__dict__ or engines()[case.workflow].definition.has_action_plan:
        return list(case.action_items)
    return []


@bp.get("/committees")
def list_committees():
    """Return the committee tree."""
    return jsonify(committees=committee_tree(queries.all_committees(db.session)))


@bp.get("/workflows")
def list_workflows():
    """Return the workflow definitions with their states and events."""
    return jsonify(workflows=[workflow_json(e, lang()) for e in engines().values()])


@bp.get("/topics")
def list_topics():
    """Return the topics: which level is responsible for what, and when it goes up."""
    catalog = topics()
    return jsonify(topics=[topic_json(t, catalog, lang()) for t in catalog.topics])


@bp.post("/cases")
def create_case():
    """Open a case at the caller's workplace committee (or where its topic says)."""
    body = json_body()
    confidential = values.flag("confidential", body.get("confidential", False))  # bool("false") is True
    new = case_service.NewCase(
        workflow=body.get("workflow"), title=body.get("title"),
        description=body.get("description") or "", confidential=confidential,
        topic=values.key("topic", body.get("topic")),
        extra={k: body.get(k) for k in ("category", "location", "what_happened")},
    )
    case = topic_service.submit_on_topic(db.session, engines(), topics(), current_user, new)
    return _case_response(case, 201)


@bp.get("/cases/<int:case_id>")
def show_case(case_id: int):
    """Return one case with its history and the caller's actions (redacted: the facts only)."""
    view = case_view(db.session, current_user, case_id)
    if view.level < Level.FULL:
        return jsonify(redacted_case_json(view.case))
    return _case_response(view.case)


@bp.post("/cases/<int:case_id>/events")
def fire(case_id: int):
    """Fire an event on a case."""
    body = json_body()
    fields = {k: body[k] for k in EVENT_FIELDS if k in body}
    session = db.session()  # the request's Session itself: the event path asks it dozens of things
    with keep_loaded(session):  # the answer shows what was just written: no re-reading after commit
        case, history = case_service.fire_and_read(
            session, engines(), _me(), case_id, body.get("event"), body.get("version"), fields)
    return _case_response(case, history=history, session=session)


@bp.post("/cases/<int:case_id>/action-items/<int:item_id>")
def mark_item(case_id: int, item_id: int):
    """Mark an action-plan item done (`done_on`, default today) or not done again (`done_on`: null)."""
    body = json_body()
    today = action_items.today_for()
    done_on = action_items.parse_done_on(body.get("done_on", today.isoformat()), today)
    with keep_loaded(db.session):
        case = action_items.mark(db.session, engines(), _me(), case_id, item_id, done_on, body.get("version"))
    return _case_response(case)


@contextmanager
def keep_loaded(session) -> Iterator[None]:
    """Let a commit inside the block keep loaded objects as they are (the request ends soon after)."""
    real = session() if callable(session) else session  # the Session behind Flask-SQLAlchemy's scoped one
    before, real.expire_on_commit = real.expire_on_commit, False
    try:
        yield
    finally:
        real.expire_on_commit = before


def _page_number() -> int:
    return values.page(request.args.get("page"), queries.MAX_PAGE)


@bp.get("/committees/<key>/cases")
def committee_cases(key: str):
    """Return the cases a committee holds, newest first, a page at a time."""
    committee = queries.readable_inbox(db.session, current_user, key)
    page = _page_number()
    after = parse_cursor(request.args.get("after"))
    size = current_app.config["PAGE_SIZE"]
    result = queries.committee_cases(
        db.session, current_user, committee, state=values.key("state", request.args.get("state")),
        page=page, size=size, after=after,
    )
    roles = queries.committee_roles(db.session, current_user, committee)  # read once this request
    readable = full_in_holder(db.session, current_user, roles, result.items)
    return jsonify(
        committee=key, page=page, page_size=size, total=result.total, total_capped=result.capped,
        cases=[{**case_summary(c, committee.key), "redacted": False} if c.id in readable
               else redacted_summary(c, committee.key) for c in result.items],
        next_after=str(result.next_after) if result.next_after else None,
    )
