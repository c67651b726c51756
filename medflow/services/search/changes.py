"""Keeping the documents of every source (meetings, cascades, ...) equal to their rows, in the same
transaction as each change: a flush notes which sources its rows belong to (`note_flushed`), and
just before the commit their documents are rebuilt (`rebuild_noted`). Both are registered in
`medflow.wiring` on the session hooks of `services.hooks`.

Rows written with plain SQL (retention's scrub) are not seen here; what they remove, they remove from
the index themselves (`persistence.search.forget_case`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from medflow.services.search.kinds import write_documents
from medflow.services.search.registry import SOURCES

NOTED = "medflow.search_noted"  # session.info: {source name: {source ids}} flushed since the last commit
_BY_NAME = {s.name: s for s in SOURCES}


def note_flushed(session: Session, rows: list[object]) -> None:
    """Listener: note the sources of the rows a flush wrote (new, changed or deleted)."""
    noted = None
    for source in SOURCES:
        for row in rows:
            of = source.watches.get(type(row))
            source_id = of(row) if of is not None else None
            if source_id is not None:
                noted = noted if noted is not None else session.info.setdefault(NOTED, {})
                noted.setdefault(source.name, set()).add(source_id)


def rebuild_noted(session: Session) -> None:
    """Listener: before the commit, rebuild the documents of every source noted in this transaction."""
    session.flush()  # the commit flushes after this listener: flush first, so every change is noted
    while noted := session.info.pop(NOTED, None):
        for name, ids in noted.items():
            write_documents(session, _BY_NAME[name], sorted(ids))
        session.flush()  # what a rebuild's reads flushed is noted again, and rebuilt in turn


def forget_noted(session: Session) -> None:
    """Listener: a rolled-back transaction's rows were never written; forget them."""
    session.info.pop(NOTED, None)
