"""Find topics by what people type: their names, synonyms, keywords and descriptions, stemmed per language.

Pure (no Flask, no database): the guide's search box and, later, other searches use it. Words are
stemmed with the Snowball stemmer of the page's language, so "stole" finds "stol" and "trusler"
finds "trussel"-topics that mention "trusler"; stop words ("min", "i") are dropped, so a sentence
("min kollega larmer") searches for what it is about.

Ranking, in order: the topics that match the most words of the query (so "trusler borger" is
not answered with every topic about threats); then by weight, where each word adds the weight
of every field it is found in (name and synonym 3, keyword 2, description 1; a stem the word
only begins half of that, a typed compound that begins with a stem a quarter); the most-asked (`common`) topics
get a bonus, since they are what employees usually mean. Topics far below the best are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from medflow.domain.stopwords import stopwords
from medflow.domain.topics import Topic, TopicCatalog

STEMMERS = {"da": "danish", "en": "english"}
WORD = re.compile(r"\w+", re.UNICODE)
LABEL, SYNONYM, KEYWORD, DESCRIPTION = 3.0, 3.0, 2.0, 1.0
SYNONYM_PART = 1.0  # one word of a synonym phrase whose other words were not typed: as weak as a description
PREFIX = 0.5  # a stem the typed word only begins: "lyd" is the start of "lydniveau"
COMPOUND = 0.25  # a typed compound that begins with a stem ("stresspolitik" → "stress"): about something else
COMPOUND_MIN = 4  # a stem at least this long may begin a longer typed word ("støjproblem" → "støj")
COMMON_BONUS = 2.0  # the most-asked topics are what an employee usually means: worth a keyword
CUTOFF = 0.25  # a topic scoring under this share of the best is noise, not an answer


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    """Return the language's stemmer (built once: building one costs more than stemming a page)."""
    return Stemmer.Stemmer(STEMMERS.get(lang, "danish"))


def stems(text: str, lang: str) -> list[str]:
    """Return the stems of the words in `text`, lower-cased."""
    return _stemmer(lang).stemWords(WORD.findall(text.casefold()))


def terms(text: str, lang: str) -> tuple[str, ...]:
    """Return the stems that say what `text` is about: stop words are dropped before stemming."""
    stop = stopwords(lang)
    return tuple(_stemmer(lang).stemWords([w for w in WORD.findall(text.casefold()) if w not in stop]))


@dataclass(frozen=True)
class _Indexed:
    """One topic in one language as weighted sets of stems, so a search only compares strings."""

    topic: Topic
    fields: tuple[tuple[float, frozenset[str]], ...]
    phrases: tuple[tuple[str, ...], ...]  # each synonym's stems; a one-word synonym is a phrase of one


def _indexed(topic: Topic, lang: str) -> _Indexed:
    """Stem a topic's texts, each field with its weight."""
    fields = ((LABEL, topic.label.get(lang)), (KEYWORD, topic.keywords.get(lang)),
              (DESCRIPTION, topic.description.get(lang)))
    phrases = tuple(p for p in (terms(s, lang) for s in topic.synonyms.get(lang)) if p)
    return _Indexed(topic, tuple((w, frozenset(terms(text, lang))) for w, text in fields), phrases)


@lru_cache(maxsize=8)
def _index(catalog: TopicCatalog, lang: str) -> tuple[_Indexed, ...]:
    """Stem every topic once per catalog and language: the guide searches the same catalog all day."""
    return tuple(_indexed(t, lang) for t in catalog.topics)


def _hit(word: str, stem: str) -> float:
    """Return how well a typed word meets a topic's stem: 1 the same, less for a part of it, else 0."""
    if word == stem:
        return 1.0
    if stem.startswith(word):
        return PREFIX
    return COMPOUND if len(stem) >= COMPOUND_MIN and word.startswith(stem) else 0.0


def _best(word: str, stems_: frozenset[str] | tuple[str, ...]) -> float:
    """Return the best hit of `word` among `stems_`."""
    return max((_hit(word, s) for s in stems_), default=0.0)


def _synonym_weight(word: str, phrases: tuple[tuple[str, ...], ...], whole: tuple[bool, ...]) -> float:
    """Weigh a word by the synonyms it is in: fully in one whose every word was typed, else a little."""
    return max(((SYNONYM if all_typed else SYNONYM_PART) * _best(word, phrase)
                for phrase, all_typed in zip(phrases, whole, strict=True)), default=0.0)


def _score(entry: _Indexed, query: tuple[str, ...]) -> tuple[int, float]:
    """Return how many words of the query the topic matches, and their summed weight."""
    whole = tuple(all(any(_hit(q, s) for q in query) for s in phrase) for phrase in entry.phrases)
    weights = [sum(w * _best(word, stems_) for w, stems_ in entry.fields)
               + _synonym_weight(word, entry.phrases, whole) for word in query]
    return sum(1 for w in weights if w), sum(weights)


def search_topics(catalog: TopicCatalog, query: str, lang: str) -> list[Topic]:
    """Return the topics that best match `query`, best first; none when no word of it matches."""
    wanted = tuple(dict.fromkeys(terms(query, lang)))
    scored = [(*_score(e, wanted), i, e.topic) for i, e in enumerate(_index(catalog, lang))] if wanted else []
    most = max((cover for cover, *_ in scored), default=0)
    if not most:
        return []
    best = [(score, i, t) for cover, score, i, t in scored if cover == most]
    floor = CUTOFF * max(score for score, *_ in best)
    kept = [(score + COMMON_BONUS * t.common, i, t) for score, i, t in best if score >= floor]
    return [t for *_, t in sorted(kept, key=lambda k: (-k[0], k[1]))]
