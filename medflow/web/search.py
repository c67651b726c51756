"""The search page (/search): a box, filters and ranked results with highlighted snippets.

Everything a person finds goes through `services.search.query`, which applies the visibility rule;
this module only reads the request, names the filters in the reader's language and renders.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from markupsafe import Markup

from medflow.domain.errors import Invalid
from medflow.domain.search_text import QUERY_MAX, SearchQuery, parse_query
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.services import queries
from medflow.services.search.query import Hit, Results, search
from medflow.services.search.registry import KINDS
from medflow.web.display import lang
from medflow.workflows import engines, topics

bp = Blueprint("search", __name__)
FILTERS = ("kind", "committee", "topic", "state", "year")
# The request's fields as the page names them, for a refusal's message ("Søgeord skal udfyldes").
FIELD_LABELS = {"q": lazy_gettext("Search words"), "kind": lazy_gettext("Kind"),
                "committee": lazy_gettext("Committee"),
                "topic": lazy_gettext("Topic"), "state": lazy_gettext("Status"), "year": lazy_gettext("Year"),
                "after": lazy_gettext("Page")}
FIRST_YEAR = 2020


def known_topics() -> set[str]:
    """Return the topic keys a filter may name."""
    return {t.key for t in topics().topics}


def known_states() -> set[str]:
    """Return the state keys a filter may name (of every case type)."""
    return {s.name for e in engines().values() for s in e.definition.states}


def run(args) -> tuple[SearchQuery, Results]:
    """Parse the request's arguments and search as the logged-in person (raises Invalid on bad input)."""
    query = parse_query(args)
    return query, search(db.session, current_user, query, topics=known_topics(), states=known_states())


def refusal(error: Invalid) -> str:
    """Return a refusal's message with its field named as the page names it, never by its key."""
    params = {k: (FIELD_LABELS[v] if k == "field" and v in FIELD_LABELS else v)
              for k, v in error.params.items()}
    return gettext(error.template, **params)


def _choices() -> dict:
    """Return the filters' options in the reader's language: committees, topics, states by case type, years."""
    language = lang()
    states = [(e.definition.label.get(language), [(s.name, s.label.get(language)) for s in e.definition.states])
              for _n, e in sorted(engines().items())]
    return {"committees": queries.org_chart(db.session), "states": states,
            "kinds": [(key, gettext(kind.label)) for key, kind in KINDS.items()],
            "topics": sorted(((t.key, t.label.get(language)) for t in topics().topics), key=lambda t: t[1]),
            "years": list(range(utcnow().year, FIRST_YEAR - 1, -1))}


def my_committees() -> set[int]:
    """Return the committees the logged-in person sits on (a result of theirs links to the committee's page)."""
    return {m.committee_id for m in current_user.memberships}


def hit_url(hit: Hit, mine: set[int]) -> str:
    """Return where a result links: its kind says, for a member of its committee or anyone else."""
    member = current_user.is_admin or (hit.committee is not None and hit.committee.id in mine)
    endpoint, values = KINDS[hit.kind].link(hit.id, hit.source_id, member)
    return url_for(endpoint, **values)


def kind_label(key: str) -> str:
    """Return a kind's name in the reader's language."""
    return gettext(KINDS[key].label)


def _view(hit: Hit, mine: set[int]) -> dict:
    """Return a result as the template shows it (the HTML is escaped by `domain.search_text`)."""
    return {"hit": hit, "title": Markup(hit.title_html), "snippet": Markup(hit.snippet_html),
            "url": hit_url(hit, mine), "kind": kind_label(hit.kind)}


@bp.get("/search")
@login_required
def page():
    """Show the search box and, when words were typed, the results a page at a time."""
    typed = {k: request.args.get(k, "") for k in ("q", *FILTERS)}
    context = {"typed": typed, "choices": _choices(), "query_max": QUERY_MAX, "error": None,
               "results": None, "next_after": None}
    status = 200
    if typed["q"] or request.args.get("after"):
        try:
            _query, found = run(request.args)
            mine = my_committees()
            context.update(results=[_view(h, mine) for h in found.hits],
                           next_after=str(found.next_after) if found.next_after else None)
        except Invalid as error:
            db.session.rollback()
            context["error"], status = refusal(error), 400
    context["paged"] = bool(request.args.get("after"))
    context["link_args"] = {k: v for k, v in typed.items() if v}  # the pager keeps the words and filters
    return render_template("search/page.html", **context), status
