"""The kommune's offers as data: the shipped file loads against the topics, and every problem names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from medflow.domain.errors import DefinitionError
from medflow.domain.offers import load_offers, parse_offers
from medflow.domain.suggestions import Candidate, document_terms, offer_terms, suggest
from medflow.domain.topics import load_topics
from tests.factories import problems_in

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"


@pytest.fixture(scope="module")
def catalog():
    """Return the shipped topics."""
    return load_topics(WORKFLOWS / "responsibilities.yaml")


def test_the_shipped_offers_load_and_each_helps_with_known_topics(catalog):
    offers = load_offers(WORKFLOWS / "offers.yaml", catalog)
    keys = {o.key for o in offers.offers}
    assert {"stressraadgivning", "arbejdsmiljoeraadgivning", "mentorordning", "psykologhjaelp",
            "konfliktmaegling"} <= keys
    assert all(o.title.da and o.title.en and o.description.da and o.topics for o in offers.offers)
    assert [o.key for o in offers.for_topic("stresspolitik")] == ["stressraadgivning"]
    assert offers.for_topic(None) == ()


def test_every_problem_in_an_offers_file_is_reported_with_file_and_line(catalog):
    found = problems_in(lambda data, file: parse_offers(data, file, catalog), """\
offers:
  - key: stress
    title: {da: Stress, en: Stress}
    description: {da: Samtaler, en: Talks}
    topics: [stresspolitik]
  - key: stress
    title: {da: Igen, en: Again}
    description: {da: Igen, en: Again}
    topics: [stresspolitik]
  - key: nowhere
    title: {da: Uden engelsk}
    description: {da: Noget, en: Something}
    topics: [no-such-topic]
    link: "javascript:alert(1)"
    colour: red
  - key: Bad Key
  - key: empty
    title: {da: Tom, en: Empty}
    description: {da: Tom, en: Empty}
    topics: []
""", "offers.yaml")
    assert "offers.yaml:6: offer 'stress' is defined twice (first on line 2)" in found
    assert "offers.yaml:11: offer 'nowhere': title needs a text in both 'da' and 'en'" in found
    assert "offers.yaml:13: offer 'nowhere': unknown topic 'no-such-topic' (see the topics file)" in found
    assert any(p.startswith("offers.yaml:10: offer 'nowhere': link must be an http(s) address") for p in found)
    assert "offers.yaml:10: offer 'nowhere': unknown key 'colour'" in found
    assert "offers.yaml:16: an offer needs a 'key' of lowercase letters, digits, - or _" in found
    assert "offers.yaml:17: offer 'empty': 'topics' must list the keys of the topics it helps with" in found


def test_a_file_without_an_offers_list_is_refused_on_its_first_line():
    with pytest.raises(DefinitionError) as caught:
        parse_offers(["not", "a", "mapping"], "offers.yaml")
    expected = "offers.yaml:1: an offers file must be a mapping with an 'offers' list"
    assert str(caught.value.problems[0]) == expected


def test_suggestions_match_danish_inflections_and_rank_titles_and_the_topic_first(catalog):
    offers = load_offers(WORKFLOWS / "offers.yaml", catalog)
    chairs = Candidate("answer", 1, document_terms("Nye stole i personalerummet", "Vi bestiller stole."), ())
    rota = Candidate("answer", 2, document_terms("Vagtplanen lægges fire uger frem", "Sådan gør vi."),
                     ("arbejdstid-og-planlaegning",))
    stress = [Candidate("offer", o.key, offer_terms(o), o.topics) for o in offers.offers]
    assert suggest("Hvornår får vi en ny stol?", None, [rota, chairs]) == [chairs]
    assert suggest("vagtplaner", None, [chairs, rota]) == [rota]
    assert suggest("", "arbejdstid-og-planlaegning", [chairs, rota]) == [rota]  # the topic alone
    assert suggest("og i", None, [chairs, rota]) == []  # stop words only
    found = suggest("Jeg er ved at gå ned med stress", None, stress)
    assert found and found[0].ident == "stressraadgivning"
    assert len(suggest("stole", "arbejdsmiljoe-fysisk", [chairs] * 9 + stress)) == 5
