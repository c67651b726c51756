"""Keeping the search index equal to the cases: one document per case, written in the transaction of
every change, removed when the case is anonymised, and rebuilt whole by `medflow search reindex` (with
every other kind: the meetings' and cascades' documents, kept up to date by `changes`).

A case's document holds the text a reader who may read it in full sees: title, description, the
free text of its data (an answer, what happened, where) and its history's comments and free text
(answers, action-plan items: an event's fields are recorded in its history row). The words are
stemmed (`domain.search_text`); the plain text is kept for snippets. An event that brings no text
(accept, forward without a comment) only moves the document's state and committee, so it costs one
UPDATE and no read however long the history is; one that brings no text and leaves the case in the
same state and committee (a second `schedule`) writes nothing: the document already holds what it
would write. A case whose history is loaded (an event's answer shows it) is indexed from it, not
read again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date
from medflow.domain.search_text import index_terms
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, CaseEvent
from medflow.persistence.search import CASE, REBUILD_SQLITE, SearchDocument, forget_case
from medflow.services.case_history import known_history
from medflow.services.search.kinds import free_text, write_documents
from medflow.services.search.registry import SOURCES

DOCS = SearchDocument.__table__


def case_texts(session: Session, case: Case, *, with_history: bool = True) -> list[str]:
    """Return the case's texts after its title, oldest first and each once (an answer is on the case
    and in the history row that gave it)."""
    texts = [case.description or "", *free_text(case.data)]
    if with_history:
        history = known_history(session, case)
        rows = ([(e.comment, e.data) for e in history] if history is not None  # at hand: as stored
                else session.execute(select(CaseEvent.comment, CaseEvent.data)
                                     .where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)))
        for comment, data in rows:
            texts += [comment or "", *free_text(data)]
    return [t.strip() for t in dict.fromkeys(texts) if t and t.strip()]


# The facts an event can change (where the case is and its state), written by one statement built once.
_MOVE = (update(DOCS).where(DOCS.c.kind == CASE, DOCS.c.ref_id == bindparam("of_case"))
         .values(committee_id=bindparam("new_committee_id"), state=bindparam("new_state"),
                 updated_at=bindparam("new_updated_at")))


def _facts(case: Case) -> dict[str, Any]:
    """Return what the filters read: where the case is, its topic and state, the year it was opened."""
    return {"committee_id": case.holder_id, "topic": case.topic, "state": case.state,
            "year": local_date(case.created_at).year if case.created_at else None, "updated_at": utcnow()}


# A case's whole document (an answer, a comment), written by statements built once: building them
# per event cost more than running them.
_WHOLE = ("committee_id", "topic", "state", "year", "updated_at", "title", "body", "title_terms", "body_terms")
_UPDATE_WHOLE = (update(DOCS).where(DOCS.c.kind == CASE, DOCS.c.ref_id == bindparam("of_case"))
                 .values({name: bindparam(f"new_{name}") for name in _WHOLE}))
_INSERT_WHOLE = insert(DOCS).values({"kind": CASE, "ref_id": bindparam("of_case"),
                                     "case_id": bindparam("of_case"),
                                     **{name: bindparam(f"new_{name}") for name in _WHOLE}})


def _write(session: Session, case: Case, values: dict[str, Any]) -> None:
    """Update the case's document, or insert it when there is none yet (new, or not indexed before)."""
    conn = session.connection()
    params = {"of_case": case.id, **{f"new_{name}": values[name] for name in _WHOLE}}
    if not conn.execute(_UPDATE_WHOLE, params).rowcount:
        conn.execute(_INSERT_WHOLE, params)


def index_case(session: Session, case: Case, *, with_history: bool = True) -> None:
    """Write the case's whole document; an anonymised case has none. `with_history=False` is for a
    case just submitted, whose history holds no text yet."""
    if case.anonymised_at is not None:
        forget_case(session, case.id)
        return
    title, body = case.title or "", "\n".join(case_texts(session, case, with_history=with_history))
    _write(session, case, {**_facts(case), "title": title, "body": body,
                           "title_terms": index_terms(title), "body_terms": index_terms(body)})


def on_case_event(session: Session, case: Case, event: CaseEvent) -> None:
    """Listener (medflow.wiring): keep the case's document as the case is now, inside the event's
    transaction, so a search never finds words a case no longer has nor misses a comment just written.
    (Its agenda items and minutes need nothing: the query reads their case's state and topic.)

    A case not indexed yet (before `medflow search reindex` ran after the upgrade) is indexed whole by
    its next event that moves it or brings text; an event that does neither leaves the index as it is.
    """
    if event.seq == 1:
        index_case(session, case, with_history=False)
    elif event.comment or free_text(event.data):
        index_case(session, case)
    elif event.from_state == event.to_state and event.from_committee_id == event.to_committee_id:
        return  # no text and nothing the filters read has changed (topic and year never do)
    elif not session.connection().execute(_MOVE, {"of_case": case.id, "new_committee_id": case.holder_id,
                                                  "new_state": case.state, "new_updated_at": utcnow()},
                                          ).rowcount:
        index_case(session, case)  # not indexed yet (before `medflow search reindex` ran): now whole


def reindex(session: Session, batch: int = 500) -> dict[str, int]:
    """Rebuild the whole index in one transaction (searches see the old index until it commits); return
    how many documents of each source were written (cases: how many cases)."""
    counts = {"cases": _reindex_cases(session, batch)}
    for source in SOURCES:
        session.execute(delete(SearchDocument).where(SearchDocument.kind.in_(source.keys)))
        counts[source.name], last = 0, 0
        while ids := list(session.scalars(source.expected().where(source.id_column > last)
                                          .order_by(source.id_column).limit(batch))):
            counts[source.name] += write_documents(session, source, ids)
            session.expunge_all()
            last = ids[-1]
    if session.get_bind().dialect.name == "sqlite":  # FTS5 rebuilt from the documents, in case it drifted
        session.connection().exec_driver_sql(REBUILD_SQLITE)
    session.commit()
    return counts


def _reindex_cases(session: Session, batch: int) -> int:
    """Rebuild every case's document; return how many cases were indexed."""
    session.execute(delete(SearchDocument).where(SearchDocument.kind == CASE))
    count, last = 0, 0
    while ids := list(session.scalars(select(Case.id).where(Case.id > last).order_by(Case.id).limit(batch))):
        for case in session.scalars(select(Case).where(Case.id.in_(ids)).order_by(Case.id)):
            index_case(session, case)
            count += case.anonymised_at is None
        session.expunge_all()  # keep memory flat on a large database
        last = ids[-1]
    return count
