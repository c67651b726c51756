"""A small same-site crawler for the test client: follows links, checks statuses and the words shown.

Used by the demo crawl test. Each person starts at the front page and follows every `<a href>` on
the same site by GET: one page of each kind (`page_type`: numbers, query values and committee keys
masked) per person, and besides it pages nobody opened yet, up to `PER_PATTERN` per URL pattern. So
every person reaches every kind of page they are shown, together they open far more addresses than
one person would, and a list of 500 cases costs a few case pages, not 500. A PDF prints its page's
view (crawled as HTML by everyone): one PDF of each URL pattern is fetched in all (one year of a
committee's annual pack, say, not every year). Every link to a case on a page is checked against the
cases its reader may open (the visibility rule), opened or not.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

from flask import Flask
from sqlalchemy import select

from medflow.domain.definitions import EVENT_FIELDS, OUTCOMES, RISK_LEVELS
from medflow.extensions import db
from medflow.persistence.models import Case, Person
from medflow.services.visibility import visible_to

PER_TYPE = 1  # pages of one kind a person opens (three case pages show no more than one)
PER_PATTERN = 2  # ... unless nobody has opened the page yet: then up to two of its pattern
MAX_PAGES = 400  # per person: a safety net against a link that generates links
# Paths a person does not follow while clicking around: leaving, switching language, the provider.
SKIP = re.compile(r"^/(logout|language/|sso/)")
BROKEN = {400, 404, 405}
# snake_case words; an API key's shown prefix (`mf_…`) is the key itself, which its owner needs to see.
SNAKE = re.compile(r"\b(?!mf_)[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# Keys that are also everyday Danish words; a Danish page may say "problem" and "information".
DANISH_TOO = {"problem", "information"}
SILENT = {"script", "style", "template", "noscript"}
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")  # tooltips and what screen readers say


def internal_names() -> set[str]:
    """Return the workflow state keys and field keys of every workflow, which a page must never show."""
    from medflow.workflows import engines

    names = set(EVENT_FIELDS) | set(OUTCOMES) | set(RISK_LEVELS)
    for engine in engines().values():
        definition = engine.definition
        names |= {s.name for s in definition.states}
        names |= set(definition.categories) | set(definition.submit_fields)
    return names - DANISH_TOO


class _Page(HTMLParser):
    """Collect a page's links, its language and its visible text (SVG titles included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self.lang = ""
        self._silent = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag in SILENT:
            self._silent += 1
        self.text.extend(values[a].strip() for a in SHOWN_ATTRIBUTES if (values.get(a) or "").strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in SILENT and self._silent:
            self._silent -= 1

    def handle_data(self, data: str) -> None:
        if not self._silent and data.strip():
            self.text.append(data.strip())


def pattern(url: str) -> str:
    """Return a URL's pattern: numbers in the path masked, query reduced to its sorted keys."""
    parts = urlsplit(url)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def page_type(url: str) -> str:
    """Return the kind of page an address shows: its pattern with committee keys masked too."""
    return re.sub(r"/committees/[a-z0-9-]+", "/committees/K", pattern(url))


def same_site(href: str, base: str) -> str | None:
    """Return the local address a link leads to, or None for another site, mail or a fragment."""
    href = urldefrag(href)[0]
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https") or not href:
        return None
    if parts.netloc and parts.netloc not in ("localhost", "localhost:80"):
        return None
    path = parts.path or base
    if not path.startswith("/"):
        path = base.rsplit("/", 1)[0] + "/" + path
    query = urlencode(parse_qsl(parts.query, keep_blank_values=True))
    return path + ("?" + query if query else "")


CASE_LINK = re.compile(r"^/cases/(\d+)(?:[/?]|$)")


def _openable_cases(app: Flask, who: str | None) -> set[int] | None:
    """Return the ids of the cases `who` may open (at least redacted), by the one visibility rule;
    None for nobody (logged out, every case link leads to the log-in)."""
    if who is None:
        return None
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))
        if person is None:
            return None
        return set(db.session.scalars(select(Case.id).where(visible_to(person))))


class Crawler:
    """Visit pages as people; collect every problem as one readable line."""

    def __init__(self, app: Flask, names: set[str]) -> None:
        self.app = app
        self.names = names
        self.problems: list[str] = []
        self.visited = 0
        self.patterns: Counter[str] = Counter()  # what was reached, for the test to check its reach
        self.page_types: dict[str, tuple[str | None, str]] = {}  # page type: (who, first address), HTML only
        self.opened: set[str] = set()  # every address anyone opened
        self.fixed_files: set[str] = set()  # downloads the same for everyone (/flowchart.svg): fetched once
        # A PDF prints its page (the same view, the same rule; each person's page is crawled as HTML):
        # rendering one is costly (a committee's annual pack: 0.3 s), so one PDF of each URL pattern is
        # fetched in all, not per person or per year (`pattern`: numbers masked, committee keys kept)
        self.pdfs: set[str] = set()
        self.openable: set[int] | None = None  # the cases the person crawling now may open

    def crawl(self, who: str | None, client, start: str = "/") -> None:
        """Follow every same-site link from `start` as `who` (None: not logged in)."""
        self.openable = _openable_cases(self.app, who)
        seen, per_pattern, per_type = {start}, Counter(), Counter()
        queue: deque[tuple[str, str]] = deque([(start, "(start)")])
        while queue and len(seen) <= MAX_PAGES:
            url, came_from = queue.popleft()
            for link in self._visit(who, client, url, came_from):
                kind, sort = pattern(link), page_type(link)
                unopened = link not in self.opened and per_pattern[kind] < PER_PATTERN
                if link in seen or SKIP.match(link) or (per_type[sort] >= PER_TYPE and not unopened) \
                        or kind in self.fixed_files or kind in self.pdfs:
                    continue
                seen.add(link)
                self.opened.add(link)
                per_pattern[kind] += 1
                per_type[sort] += 1
                if urlsplit(link).path.endswith(".pdf"):
                    self.pdfs.add(kind)
                queue.append((link, url))

    def _visit(self, who: str | None, client, url: str, came_from: str) -> list[str]:
        """Fetch one address; return the links to follow from it."""
        response = client.get(url)
        self.visited += 1
        self.patterns[pattern(url)] += 1
        status = response.status_code
        if status >= 500 or status in BROKEN:
            self.problems.append(f"{who or 'nobody'}: {url} answers {status} (linked from {came_from})")
            return []
        if status in (301, 302, 303, 307, 308):
            target = same_site(response.headers.get("Location", ""), url)
            return [target] if target else []
        fixed = response.mimetype not in ("text/html", "application/pdf") and "N" not in pattern(url)
        if status == 200 and fixed:
            self.fixed_files.add(pattern(url))  # no id in it, not a page: the same file for every reader
        if status != 200 or not response.mimetype == "text/html":
            return []
        html = response.get_data(as_text=True)
        self.page_types.setdefault(page_type(url), (who, url))
        page = self.check_text(url, who, html)
        links = [link for href in page.links if (link := same_site(href, urlsplit(url).path))]
        self.check_case_links(who, url, links)
        return links

    def check_case_links(self, who: str | None, url: str, links: list[str]) -> None:
        """Report a link to a case its reader cannot open: the crawl opens one case page of each kind per
        person, so without this a 404 behind any other link on a list went unseen."""
        if self.openable is None:
            return
        for link in links:
            found = CASE_LINK.match(link)
            if found and int(found.group(1)) not in self.openable:
                self.problems.append(f"{who}: {url} links {link}, a case they cannot open")

    def check_text(self, url: str, who: str | None, html: str) -> _Page:
        """Report the internal names in a Danish page's visible text; return the parsed page."""
        page = _Page()
        page.feed(html)
        if page.lang.startswith("da"):
            text = " ".join(page.text)
            words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
            found = sorted((words & self.names) | set(SNAKE.findall(text)))
            if found:
                where = _context(text, found[0])
                self.problems.append(f"{who or 'nobody'}: {url} shows {', '.join(found)} (…{where}…)")
        return page


def _context(text: str, word: str) -> str:
    """Return the words around the first use of `word`, to say where on the page it is."""
    at = re.search(rf"\b{re.escape(word)}\b", text)
    start = at.start() if at else 0
    return text[max(0, start - 60):start + 60]
