"""Keeping the search index equal to the cases: one document per case, rewritten in the transaction
of every change, removed when the case is anonymised, and rebuilt whole by `medflow search reindex`.

A case's document holds the text a reader who may read it in full sees: title, description, the
free text of its data (an answer, what happened, where), its history's comments and answers and its
action plan. The words are stemmed (`domain.search_text`); the plain text is kept for snippets.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date
from medflow.domain.search_text import index_terms
from medflow.persistence.base import utcnow
from medflow.persistence.models import ActionItem, Case, CaseEvent
from medflow.persistence.search import CASE, REBUILD_SQLITE, SearchDocument, forget_case
from medflow.services.privacy.retention import ITEM_TEXT, KEPT_DATA


def _free_text(data: dict | None) -> list[str]:
    """Return the free-text values of a data dict (retention's rule: what is not structured is text)."""
    return [v for k, v in (data or {}).items() if k not in KEPT_DATA and isinstance(v, str) and v.strip()]


def case_texts(session: Session, case: Case) -> list[str]:
    """Return the case's texts after its title, oldest first and each once (an answer is on the case
    and in the history row that gave it)."""
    texts = [case.description or "", *_free_text(case.data)]
    rows = session.execute(select(CaseEvent.comment, CaseEvent.data).where(CaseEvent.case_id == case.id)
                           .order_by(CaseEvent.seq))
    for comment, data in rows:
        texts += [comment or "", *_free_text(data)]
    items = session.execute(select(*(getattr(ActionItem, c) for c in ITEM_TEXT))
                            .where(ActionItem.case_id == case.id).order_by(ActionItem.id))
    texts += [t for row in items for t in row]
    return [t.strip() for t in dict.fromkeys(texts) if t and t.strip()]


def index_case(session: Session, case: Case) -> None:
    """Write the case's document (new or changed); an anonymised case has none."""
    if case.anonymised_at is not None:
        forget_case(session, case.id)
        return
    doc = session.scalar(select(SearchDocument).where(SearchDocument.kind == CASE,
                                                      SearchDocument.ref_id == case.id))
    if doc is None:
        doc = SearchDocument(kind=CASE, ref_id=case.id, case_id=case.id)
        session.add(doc)
    body = "\n".join(case_texts(session, case))
    doc.committee_id, doc.topic, doc.state = case.holder_id, case.topic, case.state
    doc.year = local_date(case.created_at).year if case.created_at else None
    doc.title, doc.body = case.title or "", body
    doc.title_terms, doc.body_terms = index_terms(case.title or ""), index_terms(body)
    doc.updated_at = utcnow()


def on_case_event(session: Session, case: Case, event: CaseEvent) -> None:
    """Listener (medflow.wiring): index the case inside the event's transaction, so a search never
    finds words a case no longer has nor misses a comment just written."""
    index_case(session, case)


def reindex(session: Session, batch: int = 500) -> int:
    """Rebuild the index of every case in one transaction (searches see the old index until it commits);
    return how many cases were indexed."""
    session.execute(delete(SearchDocument).where(SearchDocument.kind == CASE))
    count, last = 0, 0
    while ids := list(session.scalars(select(Case.id).where(Case.id > last).order_by(Case.id).limit(batch))):
        for case in session.scalars(select(Case).where(Case.id.in_(ids)).order_by(Case.id)):
            index_case(session, case)
            count += case.anonymised_at is None
        session.flush()
        session.expunge_all()  # keep memory flat on a large database
        last = ids[-1]
    if session.get_bind().dialect.name == "sqlite":  # FTS5 rebuilt from the documents, in case it drifted
        session.connection().exec_driver_sql(REBUILD_SQLITE)
    session.commit()
    return count
