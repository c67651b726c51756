"""Topic search on its own: stems per language, every word must match, common topics first."""

from __future__ import annotations

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.topic_search import search_topics, stems
from medflow.domain.topics import parse_topics

LEVELS = [{"key": "lokal", "label": {"da": "Lokal", "en": "Local"}}]


def _topic(key: str, da: str, **extra) -> dict:
    return {"key": key, "label": {"da": da, "en": key}, "level": "lokal", "role": "carry_out",
            "workflow": "question", **extra}


def _catalog(*topics: dict):
    return parse_topics({"levels": LEVELS, "topics": list(topics)}, "topics.yaml")


def test_danish_words_are_stemmed_so_inflections_meet():
    assert stems("Stole og arbejdstider", "da") == ["stol", "og", "arbejdstid"]


def test_a_search_needs_every_word_and_puts_common_topics_first():
    catalog = _catalog(
        _topic("sjaelden", "Støj fra ventilation"),
        _topic("ofte", "Indeklima", keywords={"da": "støj, træk", "en": "noise"}, common=True),
    )
    assert [t.key for t in search_topics(catalog, "støjen", "da")] == ["ofte", "sjaelden"]
    assert [t.key for t in search_topics(catalog, "støj træk", "da")] == ["ofte"]
    assert search_topics(catalog, "  ", "da") == []


def test_common_must_be_true_or_false_and_keywords_need_both_languages():
    with pytest.raises(DefinitionError) as raised:
        _catalog(_topic("a", "A", common="ja", keywords={"da": "x"}))
    messages = [p.message for p in raised.value.problems]
    assert "topic 'a': common must be true or false" in messages
    assert any("keywords needs a text in both" in m for m in messages)
