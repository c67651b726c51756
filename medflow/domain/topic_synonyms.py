"""A topic's synonyms: the everyday words employees type for it ("larm", "min chef"), read from the topics file.

A topic's name and description are written in committee language ("Fysisk arbejdsmiljø"); people
search in their own ("larm", "støjende kollega"). The synonyms bridge the two without making the
shown texts longer. Danish is required when synonyms are given; English is optional, because the
guide is used in Danish and the English page falls back to its names and keywords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from medflow.domain.yamlsource import Problems, unknown_keys

SYNONYM_MAX = 60  # characters of one synonym: a word or a short phrase, not a sentence
SYNONYM_LANGS = ("da", "en")
HAS_WORD = re.compile(r"\w", re.UNICODE)
SHAPE = "'synonyms' must be a list of words or short phrases (Danish), or {da: [...], en: [...]}"


@dataclass(frozen=True)
class Synonyms:
    """The words and short phrases a topic is also found by, per language (tuples: topics are hashable)."""

    da: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def get(self, lang: str) -> tuple[str, ...]:
        """Return the synonyms in `lang`; English has only its own (Danish words would not stem as English)."""
        return self.en if lang == "en" else self.da


NO_SYNONYMS = Synonyms()


def _words(p: Problems, items: Any, where: str, lang: str, near: dict) -> tuple[str, ...]:
    """Validate one language's list; every bad or repeated entry is reported at the list's line.

    A YAML text carries no line of its own, so a problem with one is reported where `near`
    (the mapping holding the list) starts.
    """
    if not isinstance(items, list):
        p.add(items, f"{where}: synonyms in {lang!r} must be a list", near=near)
        return ()
    found: list[str] = []
    for number, item in enumerate(items, start=1):
        text = item.strip() if isinstance(item, str) else ""
        if not HAS_WORD.search(text) or len(text) > SYNONYM_MAX:
            p.add(items, f"{where}: synonym {number} in {lang!r} must be a word or short phrase "
                         f"(text with letters, at most {SYNONYM_MAX} characters), not {item!r}", near=near)
        elif text.casefold() in (f.casefold() for f in found):
            p.add(items, f"{where}: synonym {text!r} in {lang!r} is listed twice", near=near)
        else:
            found.append(text)
    return tuple(found)


def parse_synonyms(p: Problems, raw: Any, where: str, topic: dict) -> Synonyms:
    """Read a topic's `synonyms`: a plain list is Danish; a mapping may add English."""
    if raw is None:
        return NO_SYNONYMS
    if isinstance(raw, list):
        return Synonyms(da=_words(p, raw, where, "da", topic))
    if not isinstance(raw, dict) or "da" not in raw:
        p.add(raw, f"{where}: {SHAPE}", near=topic)
        return NO_SYNONYMS
    unknown_keys(p, raw, set(SYNONYM_LANGS), f"{where}: synonyms")
    by_lang = {lang: _words(p, raw[lang], where, lang, raw) for lang in SYNONYM_LANGS if lang in raw}
    return Synonyms(**by_lang)
