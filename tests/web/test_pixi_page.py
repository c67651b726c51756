"""The pixi guide of a workplace: where to go, where information comes from, who represents me; and its PDF."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_the_pixi_page_names_the_way_up_with_the_people_and_the_representatives(pages):
    page = pages("anna").get("/committees/lok-skole/pixi")
    assert page.status_code == 200
    text = _text(page)
    steps = text[text.index("Hvor går jeg hen med et spørgsmål?"):text.index("Hvor får jeg information")]
    way = [steps.rindex(name) for name in ("LokalMED Skole", "OmrådeMED Børn og Unge", "KommuneMED")]
    assert way == sorted(way)  # workplace, then area, then KommuneMED
    assert "Lene Leder — Formand" in text and "Ole Områdechef — Formand" in text
    assert "Kim Direktør" in text
    reps = text[text.index("Hvem er mine repræsentanter?"):]
    assert "Tove TR" in reps and "Amir AMR" in reps and "Lene Leder" in reps
    assert "Peter Plejer" not in text and "Pia Plejeleder" not in text  # another workplace


def test_the_pixi_pdf_carries_the_same_content(pages):
    response = pages("anna").get("/committees/lok-skole/pixi.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert 'filename="pixi-lok-skole.pdf"' in response.headers["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    for words in ("LokalMED Skole", "KommuneMED", "Tove TR", "Amir AMR", "Hvem er mine repræsentanter?"):
        assert words in text, words


def test_the_pixi_page_is_linked_from_the_committee_page_and_the_guide(pages):
    lene = pages("lene")
    assert 'href="/committees/lok-skole/pixi"' in lene.get("/committees/lok-skole").get_data(as_text=True)
    assert 'href="/committees/lok-skole/pixi"' in pages("anna").get("/guide").get_data(as_text=True)


def test_an_unknown_workplace_is_a_404_and_visitors_log_in_first(pages):
    assert pages("anna").get("/committees/nowhere/pixi").status_code == 404
    assert pages(None).get("/committees/lok-skole/pixi").status_code in (302, 401)
