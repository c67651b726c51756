"""What a kind of search document is, and how the documents of a source are written.

A *kind* (`Kind`) says who may read its documents (a filter over `SearchDocument`, joined to the case
a document is about, built from the same rule its own page uses), what it is called and where a
result links. A *source* (`Source`) is what a group of kinds is rebuilt from (a meeting gives its
agenda items, their approved minutes and its news stories; a cascade gives itself): which rows'
changes rebuild it and how its documents are made. `registry.SOURCES` lists them; adding a kind is one
`Source` there (see docs/developers.md, "Search: adding a kind").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, delete, insert
from sqlalchemy.orm import Session

from medflow.domain.search_text import index_terms
from medflow.persistence.base import utcnow
from medflow.persistence.models import Person
from medflow.persistence.search import SearchDocument
from medflow.services.privacy.retention import KEPT_DATA

DOCS = SearchDocument.__table__
_INSERT_DOCS = insert(DOCS)


@lru_cache(maxsize=64)
def _delete_of(keys: tuple[str, ...], by: str):
    """Return the DELETE of these kinds' documents by `by` (source_id or ref_id), built once per kinds:
    a case joining an agenda runs it in the event's transaction, and building it cost more than running it."""
    return delete(DOCS).where(DOCS.c.kind.in_(keys), DOCS.c[by].in_(bindparam("ids", expanding=True)))


def free_text(data: dict | None) -> list[str]:
    """Return the free-text values of a data dict (retention's rule: what is not structured is text)."""
    return [v for k, v in (data or {}).items() if k not in KEPT_DATA and isinstance(v, str) and v.strip()]


@dataclass(frozen=True)
class Doc:
    """One document as a source makes it: the text as shown, and what the filters and the rule read."""

    kind: str
    ref_id: int
    title: str
    body: str
    source_id: int | None = None
    case_id: int | None = None  # a document about a case follows the case rule too
    committee_id: int | None = None
    topic: str | None = None
    state: str | None = None
    year: int | None = None
    public: bool = False


@dataclass(frozen=True)
class Kind:
    """A kind of document: its key, its name (a msgid), who may read it and where a result links."""

    key: str
    label: str
    # (session, person) -> filter on SearchDocument (the case it is about is outer-joined as `Case`)
    readable: Callable[[Session, Person], ColumnElement[bool] | bool]
    # (ref_id, source_id, member) -> (endpoint, its values); member: the reader sits on its committee
    link: Callable[[int, int | None, bool], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Parts:
    """The parts of a source that are rebuilt alone (a meeting's items): a change of one item rewrites
    that item's documents, not every document of a long agenda."""

    keys: tuple[str, ...]  # the kinds whose documents' ref_id is a part's id (agenda items, their minutes)
    # a row's class -> the part id a change of the row rebuilds (None: not one of ours)
    watches: Mapping[type, Callable[[Any], int | None]]
    build: Callable[[Session, Sequence[int]], Iterable[Doc]]  # the documents of these parts, now
    # a part row -> the source it belongs to (a meeting rebuilt whole in the same round rewrites its parts)
    source_of: Callable[[Any], int | None] = lambda row: None
    row: type | None = None  # the class whose rows are the parts: one inserted now has no documents yet


@dataclass(frozen=True)
class Source:
    """What a group of kinds is rebuilt from, and when."""

    name: str
    kinds: tuple[Kind, ...]
    # a row's class -> the source id a change of the row rebuilds (None: not one of ours)
    watches: Mapping[type, Callable[[Any], int | None]]
    build: Callable[[Session, Sequence[int]], Iterable[Doc]]  # the documents of these sources, now
    expected: Callable[[], Select]  # the ids of every source that should have documents (reindex, doctor)
    parts: Parts | None = None  # rows whose change rebuilds only their own documents

    @property
    def id_column(self):
        """Return the id column of `expected` (what reindexing cuts its batches by, the doctor compares)."""
        return self.expected().selected_columns[0]

    @property
    def keys(self) -> tuple[str, ...]:
        """Return the keys of its kinds."""
        return tuple(k.key for k in self.kinds)


def write_documents(session: Session, source: Source, ids: Sequence[int]) -> int:
    """Replace the documents of these sources with what they are now; return how many were written."""
    if not ids:
        return 0
    conn = session.connection()
    conn.execute(_delete_of(tuple(source.keys), "source_id"), {"ids": sorted(ids)})
    return _insert(conn, source.build(session, sorted(ids)))


def _insert(conn, docs: Iterable[Doc]) -> int:
    """Insert documents with their index terms; return how many."""
    rows = [{**asdict(d), "title_terms": index_terms(d.title), "body_terms": index_terms(d.body),
             "updated_at": utcnow()} for d in docs]
    if rows:
        conn.execute(_INSERT_DOCS, rows)
    return len(rows)


def write_parts(session: Session, source: Source, ids: Sequence[int],
                alive: Sequence[int] | None = None) -> int:
    """Replace the documents of these parts of a source with what they are now; return how many.

    `alive`: the parts that may exist now, to build (by default `ids`); `ids`: those whose old documents
    are deleted (a part inserted in this transaction has none).
    """
    if source.parts is None or not (ids or alive):
        return 0
    conn = session.connection()
    if ids:
        conn.execute(_delete_of(tuple(source.parts.keys), "ref_id"), {"ids": sorted(ids)})
    alive = sorted(ids if alive is None else alive)
    return _insert(conn, source.parts.build(session, alive)) if alive else 0
