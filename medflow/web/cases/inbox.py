"""A committee's inbox: new cases first, then being handled, on the agenda, recently closed."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user, login_required

from medflow.domain import values
from medflow.extensions import db
from medflow.services import queries
from medflow.services.redaction import redact_for
from medflow.services.sent_on import sent_on
from medflow.web.display import lang
from medflow.workflows import engines

bp = Blueprint("committees", __name__)
SENT = "sent"
SHOW = (*queries.GROUPS, SENT)  # the inbox filter in the words a reader uses; `state` stays for detail


def _state_choices() -> list[tuple[str, str]]:
    """Return every state name once, labelled with each workflow's name for it."""
    labels: dict[str, list[str]] = {}
    for engine in engines().values():
        for state in engine.definition.states:
            label = state.label.get(lang())
            if label not in labels.setdefault(state.name, []):
                labels[state.name].append(label)
    return [(name, " / ".join(names)) for name, names in labels.items()]


def _sections(items: list) -> list[tuple[str, list]]:
    """Group a page of (group, case) pairs; the agenda by meeting date."""
    sections = []
    for group, pairs in groupby(items, key=lambda pair: pair[0]):
        cases = [c for _g, c in pairs]
        if group == queries.AGENDA:
            dates = [(d, list(cs)) for d, cs in groupby(cases, key=lambda c: c.meeting_date)]
            sections.append((group, dates))
        else:
            sections.append((group, [(None, cases)]))
    return sections


@bp.get("/committees/<key>")
@login_required
def inbox(key: str):
    """Show the cases a committee I sit on holds."""
    committee = queries.readable_inbox(db.session, current_user, key)
    states = _state_choices()
    state = request.args.get("state") if request.args.get("state") in dict(states) else None
    workflow = request.args.get("workflow") if request.args.get("workflow") in engines() else None
    show = request.args.get("show") if request.args.get("show") in SHOW else None
    page = values.page(request.args.get("page"), queries.MAX_PAGE)
    wanted = queries.InboxFilter(
        initial_states={n: e.definition.initial for n, e in engines().items()},
        state=state, workflow=workflow, page=page, size=current_app.config["PAGE_SIZE"],
        group=show if show in queries.GROUPS else None,
    )
    sent = sent_on(db.session, current_user, committee, wanted.size) if show in (None, SENT) else None
    result = queries.inbox(db.session, current_user, committee, wanted) if show != SENT else queries.Page([], 0)
    shown = redact_for(db.session, current_user, [c for _group, c in result.items])
    items = [(group, c) for (group, _case), c in zip(result.items, shown, strict=True)]
    pages = max((result.total + wanted.size - 1) // wanted.size, 1)
    return render_template(
        "committees/inbox.html", committee=committee, sections=_sections(items),
        total=result.total, capped=result.capped, page=page, pages=pages, state=state, workflow=workflow,
        show=show, sent=sent,
        states=states, workflows=[(n, e.definition.label.get(lang())) for n, e in engines().items()],
    )
