"""Keeping the documents of every source (meetings, cascades, ...) equal to their rows, in the same
transaction as each change: a flush notes which sources its rows belong to (`note_flushed`), and
just before the commit their documents are rebuilt (`rebuild_noted`). Both are registered in
`medflow.wiring` on the session hooks of `services.hooks`. A source with parts (a meeting's items)
has a changed part rebuilt alone, so a case joining a long agenda costs one item, not the agenda.

Rows written with plain SQL (retention's scrub) are not seen here; what they remove, they remove from
the index themselves (`persistence.search.forget_case`).
"""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from medflow.services.search.kinds import write_documents, write_parts
from medflow.services.search.registry import SOURCES

# session.info: {(source name, "whole"): {ids}, (source name, "parts"): {part id: its source's id},
# (source name, "new"): {ids of parts inserted}} flushed since the last commit (GONE for a deleted part)
NOTED = "medflow.search_noted"
GONE = "gone"
_BY_NAME = {s.name: s for s in SOURCES}
_WATCHES = [(s.name, "whole", s.watches) for s in SOURCES] + [
    (s.name, "parts", s.parts.watches) for s in SOURCES if s.parts is not None]


def note_flushed(session: Session, rows: list[object]) -> None:
    """Listener: note the sources (or parts of them) of the rows a flush wrote (new, changed or deleted).

    A part inserted in this transaction (new to the flush, or written with a plain INSERT and so never
    in the session) has no documents yet: nothing to delete before it is built."""
    noted = deleted = None
    for name, what, watches in _WATCHES:
        for row in rows:
            of = watches.get(type(row))
            noted_id = of(row) if of is not None else None
            if noted_id is None:
                continue
            noted = noted if noted is not None else session.info.setdefault(NOTED, {})
            if what == "whole":
                noted.setdefault((name, what), set()).add(noted_id)
            else:  # a deleted part has documents to delete and none to build
                deleted = deleted if deleted is not None else session.deleted  # a new set at each call: once
                parts = _BY_NAME[name].parts
                source = GONE if row in deleted else parts.source_of(row)
                noted.setdefault((name, what), {})[noted_id] = source
                if type(row) is parts.row and (row in session.new or inspect(row).transient):
                    noted.setdefault((name, "new"), set()).add(noted_id)


def rebuild_noted(session: Session) -> None:
    """Listener: before the commit, rebuild the documents of every source noted in this transaction;
    a part of a source rebuilt whole in the same round is left to it (it rewrites its parts' documents)."""
    session.flush()  # the commit flushes after this listener: flush first, so every change is noted
    while noted := session.info.pop(NOTED, None):
        for (name, what), ids in noted.items():
            if what == "parts":
                whole, new = noted.get((name, "whole"), set()), noted.get((name, "new"), set())
                alone = sorted(part for part, source in ids.items() if source not in whole)
                write_parts(session, _BY_NAME[name], [p for p in alone if p not in new],
                            [p for p in alone if ids[p] is not GONE])
            elif what == "whole":
                write_documents(session, _BY_NAME[name], sorted(ids))
        session.flush()  # what a rebuild's reads flushed is noted again, and rebuilt in turn


def forget_noted(session: Session) -> None:
    """Listener: a rolled-back transaction's rows were never written; forget them."""
    session.info.pop(NOTED, None)
