"""Which shared answers and offers to suggest while an employee writes a new case.

Pure (no Flask, no database). Texts are stemmed as the search index stems them
(`search_text.index_terms`: Danish Snowball stems, stop words dropped), and a typed word meets a
stem as the topic guide's search does (`topic_search._hit`: the same stem, the beginning of one, or
a compound that begins with one), so "stole" finds an answer about "stol" and "vagtplanen" one
about "vagtplaner". A word in a title weighs twice a word in the text; the chosen topic adds a bonus
and alone (nothing typed yet) is enough to suggest what was answered on that topic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from medflow.domain.offers import Offer
from medflow.domain.search_text import index_terms, query_terms, stems
from medflow.domain.topic_search import _best

LIMIT = 5  # suggestions shown at once
TITLE, TEXT = 2.0, 1.0
TOPIC_BONUS = 1.5
SEPARATOR = " | "  # between a document's title stems and its text stems ("|" is never a stem)
MIN_SHARE = 0.5  # half of the typed words must be found, so one common word does not flood the list
# Words every question has ("we lack new …", "how do I …"): no stop words for a search, but no topic either.
FILLER = frozenset(stems("ny nye nyt mangler gerne får ved gå hvordan hvorfor hvornår kan skal vil må "
                         "problem problemer spørgsmål hjælp".split()))


def document_terms(title: str, text: str) -> str:
    """Return what an answer or offer is stored and compared as: title stems | text stems."""
    return f"{index_terms(title)}{SEPARATOR}{index_terms(text)}"


def offer_terms(offer: Offer) -> str:
    """Return an offer's terms: its Danish title (and keywords) and description."""
    return document_terms(f"{offer.title.da} {offer.keywords.da}", offer.description.da)


@dataclass(frozen=True)
class Candidate:
    """Something that may be suggested: an answer or an offer, its stems and its topics."""

    kind: str  # "answer" or "offer"
    ident: str | int
    terms: str
    topics: tuple[str, ...]


def _score(words: tuple[str, ...], candidate: Candidate, topic: str | None) -> float:
    """Return how well the typed words (and topic) meet a candidate; 0 when they do not."""
    title, _sep, text = candidate.terms.partition(SEPARATOR.strip())
    title_stems, text_stems = frozenset(title.split()), frozenset(text.split())
    hits = [max(TITLE * _best(w, title_stems), TEXT * _best(w, text_stems)) for w in words]
    on_topic = topic is not None and topic in candidate.topics
    if words and sum(1 for h in hits if h) < MIN_SHARE * len(words):
        return 0.0
    if not any(hits) and not (on_topic and not words):
        return 0.0
    return sum(hits) + (TOPIC_BONUS if on_topic else 0.0)


def suggest(title: str, topic: str | None, candidates: Iterable[Candidate],
            limit: int = LIMIT) -> list[Candidate]:
    """Return up to `limit` candidates for what is typed, best first (answers before offers on a tie)."""
    words = tuple(w for w in query_terms(title or "") if w not in FILLER)
    if not words and not topic:
        return []
    scored = [(s, c.kind != "answer", i, c) for i, c in enumerate(candidates)
              if (s := _score(words, c, topic)) > 0]
    return [c for *_k, c in sorted(scored, key=lambda k: (-k[0], k[1], k[2]))[:limit]]
