"""Search text: what the index stores, what a query asks for, and the highlighted snippets people read.

Pure (no Flask, no database), so both databases' indexes hold the same words: every text is cut
into words, stop words dropped and the rest stemmed with the Danish Snowball stemmer the topic
guide uses (`topic_search.terms`), so "stole" finds "stol" and "arbejdstider" finds "arbejdstid".
The database only compares stems; highlighting happens here, on the original text, by the same
stems, and escapes everything it does not mark, so a snippet is safe HTML whatever a case holds.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from html import escape

from medflow.domain import values
from medflow.domain.errors import Invalid, _
from medflow.domain.stopwords import stopwords
from medflow.domain.topic_search import _stemmer

LANG = "da"  # the cases are written in Danish; the same stems whatever the page's language
WORD = re.compile(r"[^\W_]+")  # letters and digits: how FTS5's unicode61 and PostgreSQL cut words too
QUERY_MAX = 200  # characters of a query
TERMS_MAX = 12  # words of a query that are searched for
SNIPPET = 220  # characters of text around the first match
YEARS = (2000, 2100)


def _words(text: str) -> list[re.Match]:
    """Return the words of a text (NFC, so a composed and a decomposed "å" are one letter)."""
    return list(WORD.finditer(unicodedata.normalize("NFC", text)))


def stems(words: list[str]) -> list[str]:
    """Return the stems of words that are not stop words, lower-cased."""
    stop = stopwords(LANG)
    kept = [w for w in (w.casefold() for w in words) if w not in stop]
    return _stemmer(LANG).stemWords(kept)


def index_terms(text: str) -> str:
    """Return the stems of a text as the index stores them: words separated by spaces."""
    return " ".join(stems([m.group() for m in _words(text)]))


def query_terms(text: str) -> tuple[str, ...]:
    """Return the distinct stems a query searches for, in the order typed (at most TERMS_MAX)."""
    return tuple(dict.fromkeys(stems([m.group() for m in _words(text)])))[:TERMS_MAX]


def _is_hit(word: str, wanted: frozenset[str]) -> bool:
    """Return whether a word of the text has one of the wanted stems (stop words never do)."""
    found = stems([word])
    return bool(found) and found[0] in wanted


def highlight(text: str, wanted: frozenset[str]) -> str:
    """Return `text` as escaped HTML with every word whose stem is wanted inside <mark>."""
    text = unicodedata.normalize("NFC", text)
    out, at = [], 0
    for m in WORD.finditer(text):
        if _is_hit(m.group(), wanted):
            out += [escape(text[at:m.start()]), "<mark>", escape(m.group()), "</mark>"]
            at = m.end()
    out.append(escape(text[at:]))
    return "".join(out)


def snippet(text: str, wanted: frozenset[str], width: int = SNIPPET) -> str:
    """Return about `width` characters of `text` around its first wanted word, highlighted.

    Without a match (the words were in the title) it is the text's beginning, so a result always
    says what the case is about; a cut is shown with "…".
    """
    text = " ".join(unicodedata.normalize("NFC", text).split())
    first = next((m for m in WORD.finditer(text) if _is_hit(m.group(), wanted)), None)
    start = 0 if first is None else max(0, first.start() - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start  # begin at a word
    end = min(len(text), start + width)
    if end < len(text):  # end at a word
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = highlight(text[start:end], wanted)
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


@dataclass(frozen=True)
class RankCursor:
    """Where a page of ranked results ends: the last result's rank (lower is better) and document id."""

    rank: float
    id: int

    def __str__(self) -> str:
        """Return the cursor as clients send it back; repr keeps the float exact, so no row is lost."""
        return f"{self.rank!r}~{self.id}"


def parse_rank_cursor(raw: str | None) -> RankCursor | None:
    """Return the cursor a client sent back (None when absent); raise Invalid naming `after`."""
    if not raw:
        return None
    rank, sep, ident = raw.partition("~")
    try:
        if not sep or not (ident.isascii() and ident.isdigit()) or len(raw) > 60:
            raise ValueError(raw)
        value = float(rank)
        if not math.isfinite(value):
            raise ValueError(raw)
        return RankCursor(value, values.ident("after", ident))
    except (ValueError, Invalid):
        raise Invalid(_("%(field)s must be a cursor from a previous page."), field="after") from None


@dataclass(frozen=True)
class SearchQuery:
    """What a person asks for: the words (stemmed), the filters, and where the previous page ended."""

    text: str
    terms: tuple[str, ...]
    committee: str | None = None
    kind: str | None = None
    topic: str | None = None
    state: str | None = None
    year: int | None = None
    after: RankCursor | None = None


def _year(raw) -> int | None:
    """Return the year filter, refusing anything but a whole number in YEARS."""
    if raw is None or raw == "":
        return None
    text = str(raw)
    if not (text.isascii() and text.isdigit() and len(text) == 4) or not YEARS[0] <= int(text) <= YEARS[1]:
        raise Invalid(_("%(field)s must be a year from %(low)s to %(high)s."), field="year",
                      low=YEARS[0], high=YEARS[1])
    return int(text)


def parse_query(args: dict) -> SearchQuery:
    """Return the query from request arguments, or raise Invalid naming the field that is wrong.

    A query needs at least one word that is not a stop word: "og i" would find every case, which
    answers nothing, so it is refused with a message saying so.
    """
    text = values.text("q", args.get("q"), limit=QUERY_MAX)
    if not text:
        raise Invalid(_("%(field)s is required: type what you are looking for."), field="q")
    terms = query_terms(text)
    if not terms:
        raise Invalid(_("%(field)s has no words to search for; try more specific words."), field="q")
    return SearchQuery(text, terms, committee=values.key("committee", args.get("committee")),
                       kind=values.key("kind", args.get("kind")),
                       topic=values.key("topic", args.get("topic")),
                       state=values.key("state", args.get("state")),
                       year=_year(args.get("year")), after=parse_rank_cursor(args.get("after")))
