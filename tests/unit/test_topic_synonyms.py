"""Topic synonyms: read and checked like the other fields (file:line), stemmed, and weighed like a name."""

from __future__ import annotations

from pathlib import Path

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.topic_search import search_topics
from medflow.domain.topic_synonyms import SYNONYM_MAX, Synonyms
from medflow.domain.topics import load_topics, parse_topics

LEVELS = [{"key": "lokal", "label": {"da": "Lokal", "en": "Local"}}]
TOPIC = """\
  - key: {key}
    label: {{da: Emne, en: Topic}}
    level: lokal
    role: discuss
    workflow: question
"""


def _topic(key: str, da: str, **extra) -> dict:
    return {"key": key, "label": {"da": da, "en": key}, "level": "lokal", "role": "discuss",
            "workflow": "question", **extra}


def _catalog(*topics: dict):
    return parse_topics({"levels": LEVELS, "topics": list(topics)}, "topics.yaml")


def _keys(catalog, query: str, lang: str = "da") -> list[str]:
    return [t.key for t in search_topics(catalog, query, lang)]


def test_a_plain_list_is_danish_and_a_mapping_may_add_english():
    catalog = _catalog(_topic("a", "A", synonyms=["larm", " lyd "]),
                       _topic("b", "B", synonyms={"da": ["chef"], "en": ["boss"]}),
                       _topic("c", "C"))
    assert catalog.get("a").synonyms == Synonyms(da=("larm", "lyd"))
    assert catalog.get("b").synonyms.get("en") == ("boss",)
    assert catalog.get("c").synonyms.get("da") == ()


def test_every_bad_synonym_is_reported_with_file_and_line(tmp_path):
    path = tmp_path / "responsibilities.yaml"
    path.write_text("topics:\n" + TOPIC.format(key="a") + """\
    synonyms: [larm, 7, "", Larm, "!!!"]
""" + TOPIC.format(key="b") + """\
    synonyms:
      en: [noise]
""" + TOPIC.format(key="c") + """\
    synonyms:
      da: [lyd]
      en: noise
      de: [Lärm]
""" + TOPIC.format(key="d") + "    synonyms: larm\n" + TOPIC.format(key="e") + """\
    synonyms: {da: [""" + "x" * (SYNONYM_MAX + 1) + "]}\n", encoding="utf-8")

    with pytest.raises(DefinitionError) as caught:
        load_topics(path)

    found = {(p.line, p.message) for p in caught.value.problems}
    limit = f"(text with letters, at most {SYNONYM_MAX} characters)"
    assert (7, f"topic 'a': synonym 2 in 'da' must be a word or short phrase {limit}, not 7") in found
    assert (7, f"topic 'a': synonym 3 in 'da' must be a word or short phrase {limit}, not ''") in found
    assert (7, "topic 'a': synonym 'Larm' in 'da' is listed twice") in found
    assert (7, f"topic 'a': synonym 5 in 'da' must be a word or short phrase {limit}, not '!!!'") in found
    shape = "'synonyms' must be a list of words or short phrases (Danish), or {da: [...], en: [...]}"
    assert (14, f"topic 'b': {shape}") in found
    assert (21, "topic 'c': synonyms: unknown key 'de'") in found
    assert (21, "topic 'c': synonyms in 'en' must be a list") in found
    assert (24, f"topic 'd': {shape}") in found  # a bare text has no line: the topic's
    assert (35, f"topic 'e': synonym 1 in 'da' must be a word or short phrase {limit}, "
                f"not {'x' * (SYNONYM_MAX + 1)!r}") in found
    assert len(found) == 9, sorted(found)
    assert f"{path}:7:" in str(caught.value)


def test_a_synonym_weighs_as_much_as_a_word_of_the_name():
    catalog = _catalog(_topic("navn", "Larm"), _topic("synonym", "Fysisk", synonyms=["larm"]),
                       _topic("beskrivelse", "Andet", description={"da": "Om larm.", "en": "On noise."}))
    assert _keys(catalog, "larmen") == ["navn", "synonym", "beskrivelse"]  # a tie keeps file order
    catalog = _catalog(_topic("synonym", "Fysisk", synonyms=["larm"]), _topic("navn", "Larm"))
    assert _keys(catalog, "larm") == ["synonym", "navn"]


def test_a_phrase_counts_fully_only_when_all_its_words_were_typed():
    catalog = _catalog(_topic("psykisk", "Psykisk", synonyms=["kollega"]),
                       _topic("fysisk", "Fysisk", synonyms=["larmende kollega"]))
    assert _keys(catalog, "kollega") == ["psykisk", "fysisk"]
    assert _keys(catalog, "min kollega larmer") == ["fysisk"]  # the topic matching more words wins


def test_english_synonyms_are_stemmed_as_english_and_danish_ones_are_not_used_there():
    catalog = _catalog(_topic("a", "A", synonyms={"da": ["larm"], "en": ["noisy colleague"]}))
    assert _keys(catalog, "noisy colleagues", "en") == ["a"]
    assert _keys(catalog, "larm", "en") == []


def test_stop_words_alone_find_nothing_and_do_not_hide_a_match():
    catalog = _catalog(_topic("a", "Ryg", synonyms=["ondt i ryggen"]))
    assert _keys(catalog, "og i det") == []
    assert _keys(catalog, "jeg har ondt i min ryg") == ["a"]


def test_shipped_topics_all_have_danish_synonyms():
    catalog = load_topics(Path(__file__).resolve().parents[2] / "workflows" / "responsibilities.yaml")
    assert all(t.synonyms.da for t in catalog.topics)
