"""Find topics by what people type: their names, descriptions and keywords, stemmed per language.

Pure (no Flask, no database): the guide's search box and, later, other searches use it. Words are
stemmed with the Snowball stemmer of the page's language, so "stole" finds "stol" and "trusler"
finds "trussel"-topics that mention "trusler".
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from medflow.domain.topics import Topic, TopicCatalog

STEMMERS = {"da": "danish", "en": "english"}
WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    """Return the language's stemmer (built once: building one costs more than stemming a page)."""
    return Stemmer.Stemmer(STEMMERS.get(lang, "danish"))


def stems(text: str, lang: str) -> list[str]:
    """Return the stems of the words in `text`, lower-cased."""
    return _stemmer(lang).stemWords(WORD.findall(text.casefold()))


def _haystack(topic: Topic, lang: str) -> list[str]:
    """Return the stems a topic can be found by."""
    text = " ".join((topic.label.get(lang), topic.description.get(lang), topic.keywords.get(lang)))
    return stems(text, lang)


def search_topics(catalog: TopicCatalog, query: str, lang: str) -> list[Topic]:
    """Return the topics matching every word of `query` (a word matches a stem it begins), common first."""
    wanted = stems(query, lang)
    if not wanted:
        return []
    found = [t for t in catalog.topics
             if all(any(s.startswith(w) for s in _haystack(t, lang)) for w in wanted)]
    return sorted(found, key=lambda t: not t.common)
