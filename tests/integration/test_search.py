"""Search over cases on both databases: stems, ranking, snippets, filters, the cursor, visibility,
anonymisation and reindexing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy import event as sa_event

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Person, SearchDocument
from medflow.services.privacy.retention import anonymise_due
from medflow.services.visibility import fully_visible_ids
from tests.factories import log_in_client

DESCRIPTION = "Stolene i personalerummet er slidte."


def _found(api, who: str, q: str, **filters) -> list[str]:
    response = api(who).get("/search", query_string={"q": q, **filters})
    assert response.status_code == 200, response.get_json()
    return [r["title"] for r in response.get_json()["results"]]


def _submit(api, who: str, title: str, description: str = "", **extra) -> dict:
    response = api(who).post("/cases", {"workflow": "question", "title": title, "description": description,
                                        **extra})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_word_finds_its_other_forms_in_the_title_the_description_comments_and_answers(api):
    chairs = _submit(api, "anna", "Nye stole til personalerummet", "Vi sidder dårligt.")
    hours = _submit(api, "anna", "Vagtplan", "Hvordan lægges arbejdstiden i weekenden?")
    chairs = api("lene").fire(chairs, "accept", comment="Vi spørger indkøb om kontorstolene")
    api("lene").fire(chairs, "resolve", answer="Der kommer hæve-sænkeborde i marts.", outcome="decision")

    assert _found(api, "lene", "stol") == ["Nye stole til personalerummet"]
    assert _found(api, "lene", "arbejdstider") == ["Vagtplan"]
    assert _found(api, "lene", "indkøb") == ["Nye stole til personalerummet"]  # a comment
    assert _found(api, "lene", "hæve-sænkebordene") == ["Nye stole til personalerummet"]  # the answer
    assert _found(api, "lene", "stol vagtplan") == []  # every word must be there
    assert hours["id"] != chairs["id"]


def test_a_match_in_the_title_ranks_above_one_in_the_description(api):
    _submit(api, "anna", "Personalemøde", "Kantinen er for lille til os alle.")
    _submit(api, "anna", "Kantinen lukker", "Hvor skal vi spise?")

    assert _found(api, "lene", "kantine") == ["Kantinen lukker", "Personalemøde"]


def test_snippets_mark_the_words_and_escape_everything_else(api):
    _submit(api, "anna", "Stole <b>nu</b>", "Før <script>alert(1)</script> kom stolene & bordene.")

    hit = api("lene").get("/search?q=stolene").get_json()["results"][0]

    assert hit["title_html"] == "<mark>Stole</mark> &lt;b&gt;nu&lt;/b&gt;"
    assert hit["snippet"] == "Før &lt;script&gt;alert(1)&lt;/script&gt; kom <mark>stolene</mark> &amp; bordene."
    assert hit["title"] == "Stole <b>nu</b>" and hit["url"] == f"/cases/{hit['id']}"


def test_filters_narrow_by_committee_state_topic_and_year(api):
    _submit(api, "anna", "Støj i frikvarteret", topic="arbejdstid-og-planlaegning")
    closed = _submit(api, "anna", "Støj fra ventilationen")
    api("anna").fire(closed, "withdraw")
    _submit(api, "peter", "Støj på gangen")  # LokalMED Pleje
    year = str(utcnow().year)

    assert len(_found(api, "admin", "støj")) == 3
    assert set(_found(api, "admin", "støj", committee="lok-skole")) == {"Støj i frikvarteret",
                                                                        "Støj fra ventilationen"}
    assert _found(api, "admin", "støj", state="withdrawn") == ["Støj fra ventilationen"]
    assert len(_found(api, "admin", "støj", year=year)) == 3
    assert _found(api, "admin", "støj", year=str(int(year) - 1)) == []
    assert _found(api, "admin", "støj", topic="arbejdstid-og-planlaegning") == ["Støj i frikvarteret"]
    assert _found(api, "admin", "støj", topic="kompetenceudvikling") == []


@pytest.mark.parametrize(("args", "field"), [
    ({}, "q"), ({"q": "   "}, "q"), ({"q": "og i"}, "q"), ({"q": "x" * 201}, "q"),
    ({"q": "støj", "committee": "ingen"}, "ingen"), ({"q": "støj", "state": "flying"}, "state"),
    ({"q": "støj", "topic": "nope"}, "topic"), ({"q": "støj", "year": "20x5"}, "year"),
    ({"q": "støj", "year": "1999"}, "year"), ({"q": "støj", "after": "nan~1"}, "after"),
    ({"q": "støj", "after": "1.5"}, "after"), ({"q": "støj", "after": "1.5~0"}, "after"),
])
def test_bad_input_is_a_400_that_names_the_field(api, args, field):
    response = api("anna").get("/search", query_string=args)

    assert response.status_code == 400
    assert field in response.get_json()["error"]


def test_the_cursor_pages_through_ranked_results_without_gaps_or_repeats(api, app):
    for n in range(30):
        _submit(api, "anna", f"Ventilation {n}", "ventilation " * (n % 4))
    seen, after, pages = [], None, 0
    while True:
        args = {"q": "ventilationen", **({"after": after} if after else {})}
        body = api("lene").get("/search", query_string=args).get_json()
        seen += [r["id"] for r in body["results"]]
        pages, after = pages + 1, body["next_after"]
        if after is None:
            break
    assert pages == 2 and len(seen) == 30 == len(set(seen))
    assert len(api("lene").get("/search?q=ventilation").get_json()["results"]) == 25


def test_a_confidential_case_is_found_only_by_those_who_may_read_it_in_full(app, api, org):
    case = _submit(api, "anna", "Min leder råber", "Hemmelighedsfuldt problem", confidential=True)
    with app.app_context():
        people = db.session.scalars(select(Person)).all()
        readers = {p.email.split("@")[0] for p in people if fully_visible_ids(db.session, p, [case["id"]])}

    assert {"anna", "lene"} <= readers and not {"sara", "peter", "ole", "admin"} & readers
    for who in sorted(p.split("@")[0] for p in org):
        expected = ["Min leder råber"] if who in readers else []
        assert _found(api, who, "råber") == expected, who
        assert len(_found(api, who, "hemmelighedsfuldt")) == len(expected), who


def test_an_anonymised_case_is_not_found_by_its_scrubbed_words(app, api):
    case = _submit(api, "anna", "Skimmelsvamp i kælderen", "Det lugter af skimmel.")
    api("anna").fire(case, "withdraw")
    assert _found(api, "lene", "skimmelsvamp") == ["Skimmelsvamp i kælderen"]
    with app.app_context():
        engines = app.extensions["medflow.engines"]
        done = anonymise_due(db.session, engines, utcnow() + timedelta(days=2), days=1)
        db.session.commit()
        assert done == [case["id"]]
        assert db.session.scalar(select(func.count()).select_from(SearchDocument)) == 0

    assert _found(api, "lene", "skimmelsvamp") == []
    assert _found(api, "lene", "kælderen") == []


def test_reindex_rebuilds_the_index_from_the_cases(app, api):
    _submit(api, "anna", "Kaffemaskinen er i stykker")
    with app.app_context():
        db.session.execute(delete(SearchDocument))
        db.session.commit()
    assert _found(api, "lene", "kaffemaskine") == []

    result = app.test_cli_runner().invoke(cli, ["search", "reindex"])

    assert result.exit_code == 0, result.output
    assert "1 case(s) indexed" in result.output
    assert _found(api, "lene", "kaffemaskine") == ["Kaffemaskinen er i stykker"]


def test_the_page_shows_results_in_danish_and_refuses_bad_input_with_a_message(app, api):
    _submit(api, "anna", "Nye stole", "Før <script>x</script> stolene")
    client = app.test_client()
    log_in_client(app, client, "lene")

    page = client.get("/search?q=stole").get_data(as_text=True)
    refused = client.get("/search?q=og")
    empty = client.get("/search").get_data(as_text=True)

    assert "<mark>stole</mark>" in page and "&lt;script&gt;" in page and "<script>x" not in page
    assert 'data-testid="nav-search"' in page
    assert refused.status_code == 400 and "Søgeord" in refused.get_data(as_text=True)
    assert "Søg" in empty and 'data-testid="search-results"' not in empty
    assert app.test_client().get("/search?q=stole").status_code == 302  # log in first


def test_a_case_not_indexed_yet_is_indexed_whole_by_its_next_event_and_moves_with_the_next(app, api):
    case = _submit(api, "anna", "Lys i gangen", "Lampen blinker.")
    with app.app_context():
        db.session.execute(delete(SearchDocument))  # as after an upgrade, before `medflow search reindex`
        db.session.commit()

    case = api("lene").fire(case, "accept")
    assert _found(api, "lene", "lamperne", state="accepted") == ["Lys i gangen"]
    api("lene").fire(case, "schedule", meeting_date="2027-03-01")  # no text: the document only moves
    assert _found(api, "lene", "lampen", state="scheduled") == ["Lys i gangen"]
    assert _found(api, "lene", "lampen", state="accepted") == []


def test_the_page_pages_on_with_the_words_and_filters_kept(app, api):
    for n in range(27):
        _submit(api, "anna", f"Ventilation {n}")
    client = app.test_client()
    log_in_client(app, client, "lene")

    first = client.get("/search?q=ventilation&committee=lok-skole&topic=").get_data(as_text=True)
    link = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    second = client.get(link).get_data(as_text=True)

    assert first.count('data-testid="search-result"') == 25 and "topic=" not in link
    assert "q=ventilation" in link and "committee=lok-skole" in link and "after=" in link
    assert second.count('data-testid="search-result"') == 2 and 'rel="next"' not in second
    assert "Bedste resultater" in second


def _documents(app) -> list[tuple]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(select(
            SearchDocument.ref_id, SearchDocument.committee_id, SearchDocument.topic, SearchDocument.state,
            SearchDocument.year, SearchDocument.title, SearchDocument.body, SearchDocument.title_terms,
            SearchDocument.body_terms).order_by(SearchDocument.ref_id))]


def test_after_every_event_the_document_is_what_a_reindex_writes(app, api):
    """The event path writes a document only when its facts or text change, and from the history it
    holds: after each step the index must equal one rebuilt from the cases."""
    case = _submit(api, "anna", "Støj fra ventilationen", "Den brummer hele dagen.")
    steps = [("lene", "accept", {}), ("lene", "schedule", {"meeting_date": "2027-03-01"}),
             ("lene", "schedule", {"meeting_date": "2027-03-01"}),
             ("lene", "schedule", {"meeting_date": "2027-04-01"}),
             ("lene", "resolve", {"answer": "Viften udskiftes."}),
             ("anna", "reopen", {"comment": "Den brummer igen."}),
             ("lene", "forward", {"comment": "Til OmrådeMED."})]
    for who, event, fields in steps:
        case = api(who).fire(case, event, **fields)
        written = _documents(app)
        assert app.test_cli_runner().invoke(cli, ["search", "reindex"]).exit_code == 0
        assert _documents(app) == written, event


def test_an_event_that_only_moves_a_case_leaves_its_words_in_the_full_text_index_alone(app, api):
    """Every event updates its case's document (state, committee); only new words touch the word index."""
    case = _submit(api, "anna", "Trækfulde vinduer", "Det trækker ved kopimaskinen.")
    case = api("lene").fire(case, "accept")
    with app.app_context():
        conn = db.session.connection()
        doc = db.session.scalar(select(SearchDocument.id).where(SearchDocument.ref_id == case["id"]))
        if conn.dialect.name == "sqlite":  # PostgreSQL's terms are a generated column, no trigger
            before = conn.exec_driver_sql("SELECT total_changes()").scalar()  # counts what triggers write
            conn.exec_driver_sql("UPDATE search_documents SET state = 'scheduled' WHERE id = ?", (doc,))
            assert conn.exec_driver_sql("SELECT total_changes()").scalar() - before == 1
        db.session.commit()
    assert _found(api, "lene", "vinduer") == ["Trækfulde vinduer"]
    api("lene").fire(case, "resolve", answer="Tætningslister sættes i.")
    assert _found(api, "lene", "tætningslisterne") == ["Trækfulde vinduer"]  # new words: indexed
    assert _found(api, "lene", "kopimaskine") == ["Trækfulde vinduer"]


def test_a_case_joining_an_agenda_adds_its_item_documents_and_deletes_none(app, api):
    """A new item has no documents yet: the event inserts them without a DELETE first, and the index
    is what a reindex writes."""
    first, second = (api("lene").fire(_submit(api, "anna", title), "accept") for title in ("Lys", "Larm"))
    api("lene").fire(first, "schedule", meeting_date="2027-03-01")  # plans the meeting
    with app.app_context():
        engine = db.engine
    seen: list[str] = []
    listen = (engine, "before_cursor_execute", lambda _c, _k, statement, *_a: seen.append(statement))
    sa_event.listen(*listen)
    try:
        api("lene").fire(second, "schedule", meeting_date="2027-03-01")  # joins it
    finally:
        sa_event.remove(*listen)
    written = _documents(app)
    assert app.test_cli_runner().invoke(cli, ["search", "reindex"]).exit_code == 0
    assert _documents(app) == written
    assert [s.split()[0] for s in seen if "search_documents" in s] == ["UPDATE", "INSERT"]  # state; item
