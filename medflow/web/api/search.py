"""GET /api/v1/search: the search page's results as JSON (the same service, the same visibility rule)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from medflow.services.search.query import Hit
from medflow.web.search import hit_url, my_committees, run

bp = Blueprint("search_api", __name__)  # under /api/v1 (medflow.web.api)


def hit_json(hit: Hit, mine: set[int]) -> dict:
    """Return one result; `title_html` and `snippet` are escaped HTML where only <mark> is markup."""
    return {"kind": hit.kind, "id": hit.id, "title": hit.title, "title_html": hit.title_html,
            "snippet": hit.snippet_html, "workflow": hit.workflow, "state": hit.state, "topic": hit.topic,
            "committee": hit.committee.key if hit.committee else None, "year": hit.year,
            "url": hit_url(hit, mine)}


@bp.get("/search")
def search():
    """Return a page of results for `q` (filters: kind, committee, topic, state, year; `after`: the cursor)."""
    query, found = run(request.args)
    mine = my_committees()
    return jsonify(query=query.text, terms=list(query.terms), results=[hit_json(h, mine) for h in found.hits],
                   next_after=str(found.next_after) if found.next_after else None)
