"""Suggestions on the new-case form: shared answers and offers matching what is typed, and how they helped.

The form shows up to five, as the employee types (JavaScript) or as a "check first" step (without).
Each form has a random token; the first time it is shown a suggestion a row is written, and sending
the case from that form dates it. A row never dated is a form that was shown an answer and left:
the figure a reports page shows as "how often a shown answer led to no case".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from medflow.domain import values
from medflow.domain.errors import Invalid, _
from medflow.domain.limits import TEXT_MAX
from medflow.domain.offers import Offer, OfferCatalog
from medflow.domain.suggestions import Candidate, offer_terms, suggest
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, SharedAnswer, SuggestionShow

CANDIDATES = 2000  # the newest live answers compared per request: years of sharing in one kommune
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")
VIA = ("typing", "check")


@dataclass(frozen=True)
class Suggestions:
    """What the form shows: shared answers and offers, best first within each."""

    answers: list[SharedAnswer]
    offers: list[Offer]

    def __bool__(self) -> bool:
        return bool(self.answers or self.offers)


def _answer_candidates(session: Session) -> list[Candidate]:
    rows = session.execute(select(SharedAnswer.id, SharedAnswer.terms, SharedAnswer.topic)
                           .where(SharedAnswer.unshared_at.is_(None))
                           .order_by(SharedAnswer.shared_at.desc(), SharedAnswer.id.desc()).limit(CANDIDATES))
    return [Candidate("answer", i, terms or "", (topic,) if topic else ()) for i, terms, topic in rows]


def find(session: Session, offers: OfferCatalog, title: object, topic: object) -> Suggestions:
    """Return up to five shared answers and offers for a title being typed and the chosen topic."""
    text = values.text("title", title, limit=TEXT_MAX["title"])
    topic_key = values.key("topic", topic)
    candidates = _answer_candidates(session) + [
        Candidate("offer", o.key, offer_terms(o), o.topics) for o in offers.offers]
    chosen = suggest(text, topic_key, candidates)
    ids = [c.ident for c in chosen if c.kind == "answer"]
    with_committee = selectinload(SharedAnswer.committee).selectinload(Committee.level)
    query = select(SharedAnswer).where(SharedAnswer.id.in_(ids)).options(with_committee)
    rows = session.scalars(query) if ids else []
    by_id = {a.id: a for a in rows}
    by_key = {o.key: o for o in offers.offers}
    return Suggestions([by_id[i] for i in ids if i in by_id],
                       [by_key[c.ident] for c in chosen if c.kind == "offer"])


def form_token(raw: object) -> str | None:
    """Return the form's token when it is one (None when left out); refuse anything else."""
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str) or not TOKEN.match(raw):
        raise Invalid(_("The form's token is not valid; reload the page."))
    return raw


def record_shown(session: Session, token: str | None, via: str, found: Suggestions,
                 now: datetime | None = None) -> None:
    """Remember that a form was shown suggestions (once per form; the most shown at once); commit."""
    if token is None or not found or via not in VIA:
        return
    conn = session.connection()
    insert = (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(SuggestionShow).values(
        token=token, via=via, shown_at=now or utcnow(), answers=len(found.answers), offers=len(found.offers))
    conn.execute(insert.on_conflict_do_update(index_elements=[SuggestionShow.token], set_={
        "answers": func.max(SuggestionShow.answers, insert.excluded.answers) if conn.dialect.name == "sqlite"
        else func.greatest(SuggestionShow.answers, insert.excluded.answers),
        "offers": func.max(SuggestionShow.offers, insert.excluded.offers) if conn.dialect.name == "sqlite"
        else func.greatest(SuggestionShow.offers, insert.excluded.offers)}))
    session.commit()


def record_sent(session: Session, token: str | None, case_id: int, now: datetime | None = None) -> None:
    """Date the form's showing: a case was sent from it after all (nothing when it was shown none); commit."""
    if token is None:
        return
    open_showing = (SuggestionShow.token == token, SuggestionShow.sent_at.is_(None))
    session.execute(update(SuggestionShow).where(*open_showing)
                    .values(sent_at=now or utcnow(), case_id=case_id))
    session.commit()


@dataclass(frozen=True)
class SuggestionFigures:
    """How the suggestions did since a moment: forms shown an answer, and how many sent a case anyway."""

    shown: int
    sent: int

    @property
    def left(self) -> int:
        """Return the forms that were shown suggestions and sent no case."""
        return self.shown - self.sent


SHOWN_AN_ANSWER = SuggestionShow.answers > 0  # a form shown only offers is not counted


def figures(session: Session, since: datetime | None = None) -> SuggestionFigures:
    """Return how often shown suggestions were followed by a case, and how often by none."""
    query = select(func.count(), func.count(SuggestionShow.sent_at)).where(SHOWN_AN_ANSWER)
    if since is not None:
        query = query.where(SuggestionShow.shown_at >= since)
    shown, sent = session.execute(query).one()
    return SuggestionFigures(shown or 0, sent or 0)
