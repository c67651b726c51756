"""The demo as its people use it: every demo person (and nobody) follows every link they are shown.

Tests elsewhere build small organisations of their own; this one loads `medflow demo` and walks the
pages each of its people reaches from the front page, the way a newcomer clicks around. It fails on
a 5xx, on a link that leads nowhere (400, 404, 405), and on an internal name in the visible text of
a Danish page: a workflow state or field key, or any snake_case word.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from medflow.cli import cli
from medflow.demo.confidential import TITLE as CONFIDENTIAL_TITLE
from medflow.domain.calendar import local_date
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, Person
from medflow.services.visibility import fully_visible_ids
from tests.factories import log_in_client
from tests.helpers.crawl import Crawler, internal_names
from tests.web.conftest import Pages


@pytest.fixture
def demo(app):
    """Load the demo organisation and return every demo person's login name (the e-mail's local part)."""
    app.config["WTF_CSRF_ENABLED"] = False
    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        emails = db.session.scalars(select(Person.email).where(Person.active).order_by(Person.email)).all()
    return [email.split("@")[0] for email in emails if email.endswith("@example.dk")]


def crawled(app, demo: list[str]) -> list[str]:
    """Return who crawls: on SQLite every demo person; on PostgreSQL one person of each kind (roles by
    level, administrator or not, has submitted cases or not), about 20 of 70.

    SQLite's crawl checks each person's view of the demo; PostgreSQL's checks that every kind of page
    and every branch a kind of person takes runs on PostgreSQL, which one of each kind does.
    """
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            return demo
        submitters = set(db.session.scalars(select(Case.submitter_id)))
        kinds: dict[tuple, str] = {}
        for person in db.session.scalars(select(Person).where(Person.active).order_by(Person.email)):
            kind = (person.is_admin, person.id in submitters,
                    tuple(sorted((m.committee.level.key, m.role) for m in person.memberships)))
            kinds.setdefault(kind, person.email.split("@")[0])
    return [who for who in demo if who in set(kinds.values())]


def test_every_demo_person_reaches_only_working_pages_in_words(app, demo):
    with app.app_context():
        names = internal_names()
    crawler = Crawler(app, names)
    assert len(demo) >= 60  # the whole demo organisation
    people = crawled(app, demo)
    assert len(people) >= 15  # on PostgreSQL one of each kind of person
    browse = Pages(app)  # a Danish browser, logged in as who@example.dk
    crawler.crawl(None, browse(None))
    for who in people:
        crawler.crawl(who, browse(who))
    assert crawler.visited > 20 * len(people)  # each person got past the front page
    reached = set(crawler.patterns)
    assert {"/meetings/N/minutes", "/meetings/N/minutes.pdf", "/admin/audit", "/admin/mail", "/account",
            "/calendar", "/information", "/notifications", "/cases/N/diagram"} <= reached
    assert {"/committees/cmed-buf/figures", "/committees/cmed-buf/figures/sickness-units.csv?year"} <= reached
    assert {"/answers", "/answers/N", "/answers/feed.atom", "/answers?topic"} <= reached  # the shared answers
    assert {"/guidelines", "/guidelines/N", "/guidelines?show", "/committees/lok-skovvejens-skole/pixi",
            "/committees/lok-skovvejens-skole/pixi.pdf", "/committees/kommunemed/theme-days/new"} <= reached
    assert {"/reports", "/reports/cases.csv?year", "/reports/levels.csv?year"} <= reached
    assert {"/committees/lok-skovvejens-skole/cycle", "/committees/kommunemed/cycle", "/cascades/N"} <= reached
    assert {"/committees/kommunemed/plan", "/committees/kommunemed/plan/timeline.svg", "/initiatives/N",
            "/committees/cmed-buf/plan", "/plans"} <= reached
    assert {"/committees/cmed-buf/annual/N", "/committees/cmed-buf/annual/N.pdf",
            "/committees/cmed-buf/training"} <= reached
    if people == demo:  # a workplace's own pack: only its own people reach it, all of them on SQLite
        assert "/committees/lok-boernehuset-soendervang/annual/N.pdf" in reached
    assert crawler.problems == [], "\n".join(crawler.problems[:60])


def test_the_crawler_reports_what_it_is_meant_to_find(app, org):
    """The checks themselves can fail: a planted key, a 404 link and a 500 are each reported."""
    with app.app_context():
        names = internal_names()
    crawler = Crawler(app, names)
    page = '<html lang="da"><body><p>Status: under_review</p><a href="/no/such/page">x</a></body></html>'
    crawler.check_text("/planted", "anna", page)
    client = app.test_client()
    log_in_client(app, client, "anna")
    crawler.crawl("anna", client, start="/no/such/page")
    crawler.openable = {1}
    crawler.check_case_links("anna", "/planted", ["/cases/1", "/cases/2/diagram", "/cases/new"])
    assert any("/cases/2/diagram, a case they cannot open" in p for p in crawler.problems)
    assert not any("/cases/1," in p or "/cases/new" in p for p in crawler.problems)
    assert any("under_review" in p for p in crawler.problems)
    assert any("/no/such/page" in p and "404" in p for p in crawler.problems)
    assert "submitted" in names and "what_happened" in names


def test_search_in_the_demo_answers_every_person_with_working_pages_in_words(app, demo):
    """Each demo person searches words of the demo's cases (a confidential one among them): no 5xx,
    no internal names in the results, and a confidential case's words reach only those who may read it."""
    with app.app_context():
        names = internal_names()
    crawler, found, people = Crawler(app, names), {}, crawled(app, demo)
    for who in people:
        client = Pages(app)(who)
        for words in ("akustik", "hjemmearbejde", "krænkende bemærkninger", "sygefravær", "omsorgssamtale"):
            response = client.get(f"/search?q={words}")
            html = response.get_data(as_text=True)
            assert response.status_code == 200, (who, words, response.status_code)
            crawler.check_text(f"/search?q={words}", who, html)
            found.setdefault(words, set()).update({who} if 'data-testid="search-result"' in html else set())
            for link in re.findall(r'<h3><a href="([^"]+)"', html):  # every kind's result opens for its finder
                assert client.get(link.replace("&amp;", "&")).status_code == 200, (who, words, link)
    assert crawler.problems == [], "\n".join(crawler.problems[:20])
    assert found["akustik"] and found["hjemmearbejde"]  # the demo's cases are indexed as they are made
    assert "anna" in found["omsorgssamtale"] and "anna" in found["sygefravær"]  # the cascade, the news
    with app.app_context():
        secret = db.session.scalar(select(Case.id).where(Case.title == CONFIDENTIAL_TITLE))
        readers = {p.email.split("@")[0] for p in db.session.scalars(select(Person).where(Person.active))
                   if fully_visible_ids(db.session, p, [secret])}
    assert found["krænkende bemærkninger"] == readers & set(people) != set()


def test_the_demo_reports_show_cases_in_every_quarter(app, demo):
    """The demo's two years of questions fill every quarter of last year and this year's so far."""
    this_year = local_date(utcnow()).year
    client = Pages(app)("klaus.brandt")  # chair of the workplace committee that held them
    for year, quarters in ((this_year - 1, 4), (this_year, (local_date(utcnow()).month - 1) // 3 + 1)):
        csv = client.get(f"/reports/cases.csv?year={year}").get_data(as_text=True)
        opened = next(line for line in csv.splitlines() if line.startswith("Sager oprettet;")).split(";")[1:]
        assert all(int(n) > 0 for n in opened[:quarters]), (year, opened)


def test_the_demo_reports_show_annual_discussions_and_suggestions_that_spared_a_case(app, demo):
    """Two committees held the annual discussion and some shown answers sent no case (last year or this)."""
    this_year = local_date(utcnow()).year
    client = Pages(app)("admin")
    found = {"Afholdte årlige drøftelser": 0, "Sendte ingen sag": 0}
    for year in (this_year - 1, this_year):
        for table in ("activity", "suggestions"):
            for line in client.get(f"/reports/{table}.csv?year={year}").get_data(as_text=True).splitlines():
                name, *values = line.lstrip("\ufeff").split(";")
                if name in found:
                    found[name] += int(values[-1])
    assert found["Afholdte årlige drøftelser"] >= 2 and found["Sendte ingen sag"] > 0, found
