"""The search itself: ranked matches among the documents a person may read, 25 a page.

The database ranks (SQLite FTS5's bm25 with the title weighted 10 to the text's 1; PostgreSQL's
ts_rank with the title at weight A and the text at D) and both give a rank where lower is better,
so one keyset (rank, document id) pages through either: the cursor is the last result's rank and
id. Visibility is each kind's own rule (`registry.KINDS`): a case by `services.visibility` at FULL (an
agenda item or minutes about a case by that too), so a confidential case's words reach no one else's
results or snippets; a document the person may not read is never a match.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Double, Float, Integer, and_, cast, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, _
from medflow.domain.search_text import RankCursor, SearchQuery, highlight, snippet
from medflow.persistence.models import Case, Committee, Person
from medflow.persistence.search import FTS, SearchDocument
from medflow.services.search.registry import KINDS

PAGE_SIZE = 25
TITLE_WEIGHT = 10.0  # SQLite: a word in the title counts ten times one in the text


@dataclass(frozen=True)
class Hit:
    """One result: what it is, where it is, and its title and snippet as escaped HTML with <mark>."""

    kind: str
    id: int
    source_id: int | None
    title: str
    title_html: str
    snippet_html: str
    committee: Committee | None
    topic: str | None
    state: str | None
    workflow: str | None
    year: int | None


@dataclass(frozen=True)
class Results:
    """A page of results and the cursor of the next page (None on the last)."""

    hits: list[Hit]
    next_after: RankCursor | None


def _matches(session: Session, terms: tuple[str, ...]):
    """Return a subquery (id, rank) of the documents holding every term, in the database's own index."""
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)  # each stem a phrase: no operators
        return (text(f"SELECT rowid AS id, bm25({FTS}, {TITLE_WEIGHT}, 1.0) AS rank FROM {FTS} "
                     f"WHERE {FTS} MATCH :match").bindparams(match=match)
                .columns(id=Integer, rank=Float).subquery("hits"))
    query = func.plainto_tsquery(literal_column("'simple'::regconfig"), " ".join(terms))
    terms_column = literal_column("search_documents.terms")
    # float8, so the rank a cursor carries compares equal to itself (a float4 printed is rounded)
    rank = cast(-func.ts_rank(terms_column, query), Double).label("rank")
    return (select(SearchDocument.id.label("id"), rank).where(terms_column.op("@@")(query))
            .subquery("hits"))


def _filters(session: Session, query: SearchQuery, topics: Collection[str], states: Collection[str]) -> list:
    """Return the filter clauses; refuse a committee, topic or state that does not exist (400)."""
    found = []
    if query.committee is not None:
        committee_id = session.scalar(select(Committee.id).where(Committee.key == query.committee))
        if committee_id is None:
            raise Invalid(_("Unknown committee %(key)s."), key=query.committee)
        found.append(SearchDocument.committee_id == committee_id)
    for field, value, known in (("topic", query.topic, topics), ("state", query.state, states)):
        if value is not None and value not in known:
            raise Invalid(_("%(field)s is not one of the known values."), field=field)
        if value is not None:  # the case's own (an agenda item's case moves on after the item was indexed);
            # a document about no case (a shared answer) by its own
            found.append(func.coalesce(getattr(Case, field), getattr(SearchDocument, field)) == value)
    if query.year is not None:
        found.append(SearchDocument.year == query.year)
    return found


def _readable(session: Session, person: Person, kind: str | None):
    """Return the documents the person may read: each kind by its own page's rule (`registry.KINDS`),
    or only those of one kind."""
    if kind is not None and kind not in KINDS:
        raise Invalid(_("%(field)s is not one of the known values."), field="kind")
    clauses = []
    for key, found in KINDS.items():
        if kind in (None, key):
            rule = found.readable(session, person)
            is_kind = SearchDocument.kind == key
            clauses.append(is_kind if rule is True else and_(is_kind, rule))
    return or_(*clauses)


def search(session: Session, person: Person, query: SearchQuery, *, topics: Collection[str],
           states: Collection[str], size: int = PAGE_SIZE) -> Results:
    """Return the page of `query`'s results after its cursor, best first."""
    hits = _matches(session, query.terms)
    stmt = (select(SearchDocument, Case.workflow, Case.state, Case.topic, hits.c.rank)
            .join(hits, hits.c.id == SearchDocument.id)
            .outerjoin(Case, Case.id == SearchDocument.case_id)
            .where(_readable(session, person, query.kind), *_filters(session, query, topics, states)))
    if query.after is not None:
        stmt = stmt.where(or_(hits.c.rank > query.after.rank,
                              and_(hits.c.rank == query.after.rank, SearchDocument.id > query.after.id)))
    rows = session.execute(stmt.order_by(hits.c.rank, SearchDocument.id).limit(size + 1)).all()
    more, rows = len(rows) > size, rows[:size]
    last = RankCursor(rows[-1].rank, rows[-1][0].id) if more else None
    return Results(_hits(session, query, [row[:4] for row in rows]), last)


def _hits(session: Session, query: SearchQuery, rows: list) -> list[Hit]:
    """Return the results with their committees (one query) and highlighted title and snippet."""
    ids = {row[0].committee_id for row in rows if row[0].committee_id is not None}
    committees = {c.id: c for c in session.scalars(select(Committee).where(Committee.id.in_(ids)))}
    wanted = frozenset(query.terms)
    return [Hit(doc.kind, doc.ref_id, doc.source_id, doc.title, highlight(doc.title, wanted),
                snippet(doc.body, wanted),
                committees.get(doc.committee_id), topic, state, workflow, doc.year)
            for doc, workflow, state, topic in rows]
