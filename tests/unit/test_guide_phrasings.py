"""What employees really type into the guide finds the topic that handles it, first.

Each expected topic is chosen from what the shipped topics file says the topic is about (its
name, description and escalation rule), not from what the search happened to return. Where the
data makes a choice (the lowest level first, "rette niveau"), the phrase goes to the workplace's
own topic: an employee's question starts where they work.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medflow.domain.loader import load_workflows
from medflow.domain.topic_search import search_topics
from medflow.domain.topics import load_topics

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"

FYSISK, PSYKISK, ULYKKE = "arbejdsmiljoe-fysisk", "arbejdsmiljoe-psykisk", "arbejdsulykke"
VOLD, ARBEJDSTID = "vold-og-trusler", "arbejdstid-og-planlaegning"

PHRASINGS = [
    # noise, sound and the indoor climate are the physical work environment
    ("larm", FYSISK),
    ("min kollega larmer", FYSISK),
    ("støjende kollega", FYSISK),
    ("akustik i klassen", FYSISK),
    ("lyd", FYSISK),
    ("der er for meget støj", FYSISK),
    ("indeklima", FYSISK),
    ("for varmt", FYSISK),
    ("dårlig luft på kontoret", FYSISK),
    ("skimmelsvamp", FYSISK),
    ("nye stole", FYSISK),
    ("hæve-sænkebord", FYSISK),
    ("ondt i ryggen", FYSISK),
    ("tunge løft", FYSISK),
    # people, pressure and conflict are the psychosocial work environment
    ("kollega", PSYKISK),
    ("konflikt med en kollega", PSYKISK),
    ("min chef", PSYKISK),
    ("samarbejdet med min leder", PSYKISK),
    ("stress", PSYKISK),
    ("jeg er stresset", PSYKISK),
    ("for travlt", PSYKISK),
    ("for mange opgaver", PSYKISK),
    ("mobning", PSYKISK),
    ("chikane", PSYKISK),
    # accidents and violence
    ("arbejdsskade", ULYKKE),
    ("jeg faldt på trappen", ULYKKE),
    ("nærved-ulykke", ULYKKE),
    ("vold", VOLD),
    ("trusler fra borger", VOLD),
    ("en borger truede mig", VOLD),
    ("slået af en beboer", VOLD),
    # the workplace's surveys and statistics
    ("APV", "apv"),
    ("arbejdspladsvurdering", "apv"),
    ("trivselsmåling", "trivselsmaaling-opfoelgning"),
    ("sygefravær", "sygefravaer-statistik-lokal"),
    ("sygefraværssamtale", "sygefravaerspolitik"),
    # working hours and planning
    ("vagtplan", ARBEJDSTID),
    ("ferie", ARBEJDSTID),
    ("arbejdstid", ARBEJDSTID),
    ("overarbejde", ARBEJDSTID),
    ("hjemmearbejde", ARBEJDSTID),
    # money, organisation and change
    ("løn", "generelt-spoergsmaal"),  # local pay is not a MED matter: the general question, via the TR
    ("budget", "budget-lokal"),
    ("besparelser", "budget-lokal"),
    ("omstrukturering", "omorganisering-lokal"),
    ("lukning af vores afdeling", "omorganisering-center"),
    ("nyt it-system", "ny-teknologi-og-bygninger"),
    ("ombygning", "ny-teknologi-og-bygninger"),
    ("ledelsen har ikke informeret os", "brud-paa-informationspligt"),
    # learning and policies
    ("kompetenceudvikling", "kompetenceudvikling"),
    ("kursus", "kompetenceudvikling"),
    ("seniorordning", "seniorpolitik"),
    ("seniordage", "seniorpolitik"),
    ("personalepolitik", "procedureretningslinjer"),
    ("rygepolitik", "sundhedsfremme"),
    ("motion i arbejdstiden", "sundhedsfremme"),
]

ENGLISH = [("noise", FYSISK), ("my boss", PSYKISK), ("rota", ARBEJDSTID), ("threatened by a citizen", VOLD)]


@pytest.fixture(scope="module")
def catalog():
    """Return the shipped topics, validated against the shipped workflows."""
    return load_topics(WORKFLOWS / "responsibilities.yaml", load_workflows(WORKFLOWS))


def _first(catalog, query: str, lang: str = "da") -> str | None:
    found = search_topics(catalog, query, lang)
    return found[0].key if found else None


def test_there_are_enough_real_phrasings():
    assert len(PHRASINGS) >= 40
    assert len({q for q, _ in PHRASINGS}) == len(PHRASINGS)


@pytest.mark.parametrize(("query", "expected"), PHRASINGS)
def test_an_everyday_phrasing_finds_its_topic_first(catalog, query, expected):
    assert catalog.get(expected) is not None, expected
    assert _first(catalog, query) == expected, [t.key for t in search_topics(catalog, query, "da")]


@pytest.mark.parametrize(("query", "expected"), ENGLISH)
def test_the_english_page_finds_everyday_words_too(catalog, query, expected):
    assert _first(catalog, query, "en") == expected


@pytest.mark.parametrize("nonsense", ["rumskib", "xyzzy", "asdfgh qwerty", "banankage", "og i det", "!!!"])
def test_nonsense_finds_nothing(catalog, nonsense):
    assert search_topics(catalog, nonsense, "da") == []


@pytest.mark.parametrize(("inflected", "base"), [
    ("kollegaer", "kollega"), ("vagtplanerne", "vagtplan"), ("stolene", "stol"),
    ("truslerne", "trusler"), ("larmende", "larm"), ("mine kolleger larmer", "min kollega larmer"),
])
def test_an_inflected_form_finds_what_its_base_form_finds(catalog, inflected, base):
    assert _first(catalog, base) is not None
    assert _first(catalog, inflected) == _first(catalog, base)
