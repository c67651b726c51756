"""The words of search: stems for the index and the query, highlighting, snippets and the rank cursor."""

from __future__ import annotations

import pytest

from medflow.domain.errors import Invalid
from medflow.domain.search_text import (
    RankCursor,
    highlight,
    index_terms,
    parse_query,
    parse_rank_cursor,
    query_terms,
    snippet,
)


def test_inflections_share_a_stem_and_stop_words_are_dropped():
    assert query_terms("stole") == query_terms("stol") == ("stol",)
    assert query_terms("arbejdstider") == query_terms("arbejdstid")
    assert query_terms("og i min") == ()
    assert index_terms("Stolene i personalerummet") == " ".join(query_terms("stolene personalerummet"))


def test_words_are_letters_and_digits_so_nothing_else_reaches_the_full_text_syntax():
    assert query_terms('"støj" OR (kantine)* -x_y NEAR/2') == tuple(
        query_terms("støj") + query_terms("or") + query_terms("kantine") + query_terms("x y near 2"))
    assert query_terms("a\u030a") == query_terms("å")  # a decomposed å is the letter å


def test_highlight_marks_every_inflection_and_escapes_the_rest():
    wanted = frozenset(query_terms("stol"))
    assert highlight("<b>Stole</b> & stolen", wanted) == (
        "&lt;b&gt;<mark>Stole</mark>&lt;/b&gt; &amp; <mark>stolen</mark>")


def test_a_snippet_is_cut_around_the_first_match_at_words():
    text = " ".join(f"ord{n}" for n in range(100)) + " stolene " + " ".join(f"ord{n}" for n in range(100))
    cut = snippet(text, frozenset(query_terms("stol")), width=60)
    assert cut.startswith("…") and cut.endswith("…") and "<mark>stolene</mark>" in cut
    assert " ord" not in cut[:3] and len(cut) < 60 + 30
    assert snippet("Kort tekst", frozenset(query_terms("stol"))) == "Kort tekst"


def test_the_cursor_round_trips_exactly_and_refuses_anything_else():
    cursor = RankCursor(-1.0476190476190478e-06, 42)
    assert parse_rank_cursor(str(cursor)) == cursor
    for bad in ("nan~1", "inf~2", "1.5", "x~1", "1~0", "1~-3", "1~" + "9" * 30):
        with pytest.raises(Invalid):
            parse_rank_cursor(bad)


@pytest.mark.parametrize("args", [{}, {"q": "og"}, {"q": "støj", "year": "99"}, {"q": "støj", "year": 3000},
                                  {"q": "x" * 201}, {"q": "ok\x00"}])
def test_a_query_is_refused_naming_its_field(args):
    with pytest.raises(Invalid):
        parse_query(args)
