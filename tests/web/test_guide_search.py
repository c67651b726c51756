"""The guide leads with what employees ask about most and finds topics by what they type."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def client(pages):
    """Return a browser that is not logged in: the guide is public."""
    return pages()


def _topic_keys(html: str) -> list[str]:
    return re.findall(r'data-topic="([a-z0-9_-]+)"', html)


def test_the_guide_lists_the_most_asked_work_environment_topics_first(client):
    html = client.get("/guide").text
    first_heading = re.search(r"<h2[^>]*>([^<]+)</h2>", html).group(1)
    assert first_heading == "Det spørger de fleste om"
    first_five = _topic_keys(html)[:5]
    assert set(first_five) == {"arbejdsmiljoe-fysisk", "arbejdsmiljoe-psykisk", "arbejdsulykke",
                               "vold-og-trusler", "apv"}
    headings = re.findall(r"<h2>([^<]+)</h2>", html)
    assert headings[1].startswith("Arbejdsmiljø")  # work environment before the rarer questions


def test_searching_finds_a_topic_by_a_keyword_in_another_inflection(client):
    html = client.get("/guide?q=stole").text
    found = re.search(r'<ul class="guide-topics" id="guide-results">(.*?)</ul>', html, re.S).group(1)
    assert _topic_keys(found) == ["arbejdsmiljoe-fysisk"]
    assert "1 emne passer til “stole”" in html


def test_searching_matches_every_word_and_names_in_the_page_language(client):
    found = client.get("/guide?q=trusler+borger").text
    assert _topic_keys(found.split('id="guide-results"')[1].split("</ul>")[0]) == ["vold-og-trusler"]
    english = client.get("/guide?q=bullying&lang=en").text
    assert "arbejdsmiljoe-psykisk" in english.split('id="guide-results"')[1].split("</ul>")[0]


def test_a_search_without_a_match_points_to_the_general_question(client):
    html = client.get("/guide?q=rumskib").text
    assert "0 emner passer til “rumskib”" in html and 'id="guide-results"' not in html
    assert "Generelt spørgsmål til MED" in html


def test_a_very_long_search_is_cut_not_refused(client):
    response = client.get("/guide?q=" + "stress " * 200)
    assert response.status_code == 200 and 'id="guide-results"' in response.text


def test_an_everyday_sentence_finds_its_topic_through_the_synonyms(client):
    html = client.get("/guide?q=min+kollega+larmer").text
    found = re.search(r'<ul class="guide-topics" id="guide-results">(.*?)</ul>', html, re.S).group(1)
    assert _topic_keys(found)[0] == "arbejdsmiljoe-fysisk"
