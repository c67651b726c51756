"""Keeping the documents of every source (meetings, cascades, ...) equal to their rows, in the same
transaction as each change: a flush notes which sources its rows belong to (`note_flushed`), and
just before the commit their documents are rebuilt (`rebuild_noted`). Both are registered in
`medflow.wiring` on the session hooks of `services.hooks`. A source with parts (a meeting's items)
has a changed part rebuilt alone, so a case joining a long agenda costs one item, not the agenda.

Rows written with plain SQL (retention's scrub) are not seen here; what they remove, they remove from
the index themselves (`persistence.search.forget_case`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from medflow.services.search.kinds import write_documents, write_parts
from medflow.services.search.registry import SOURCES

# session.info: {source name: Noted} flushed since the last commit
NOTED = "medflow.search_noted"
_BY_NAME = {s.name: s for s in SOURCES}


@dataclass
class Noted:
    """What a transaction changed of one source: whole sources, and parts with the source they are of."""

    whole: set[int] = field(default_factory=set)
    parts: dict[int, int] = field(default_factory=dict)  # part id: its source id
    gone: set[int] = field(default_factory=set)  # parts deleted: their documents go, none is built


def note_flushed(session: Session, rows: list[object]) -> None:
    """Listener: note the sources (or parts of them) of the rows a flush wrote (new, changed or deleted)."""
    deleted = None
    for source in SOURCES:
        for row in rows:
            of = source.watches.get(type(row))
            if of is not None and (source_id := of(row)) is not None:
                _noted(session, source.name).whole.add(source_id)
            part_of = source.parts.watches.get(type(row)) if source.parts is not None else None
            if part_of is not None and (ids := part_of(row)) is not None:
                noted = _noted(session, source.name)
                noted.parts[ids[1]] = ids[0]
                deleted = deleted if deleted is not None else set(session.deleted)  # still as before the flush
                if row in deleted:
                    noted.gone.add(ids[1])


def _noted(session: Session, name: str) -> Noted:
    return session.info.setdefault(NOTED, {}).setdefault(name, Noted())


def rebuild_noted(session: Session) -> None:
    """Listener: before the commit, rebuild the documents of every source noted in this transaction;
    a part alone only when its whole source is not rebuilt anyway."""
    session.flush()  # the commit flushes after this listener: flush first, so every change is noted
    while noted := session.info.pop(NOTED, None):
        for name, changed in noted.items():
            parts = sorted(p for p, source_id in changed.parts.items() if source_id not in changed.whole)
            write_parts(session, _BY_NAME[name], parts, changed.gone)
            write_documents(session, _BY_NAME[name], sorted(changed.whole))
        session.flush()  # what a rebuild's reads flushed is noted again, and rebuilt in turn


def forget_noted(session: Session) -> None:
    """Listener: a rolled-back transaction's rows were never written; forget them."""
    session.info.pop(NOTED, None)
