"""The kommune's wellbeing and prevention offers, loaded from one YAML file beside the topics.

Each offer (stress counselling, the occupational health service, the mentor scheme …) names the
topics it helps with, so the guide shows it with those topics and the new-case form can suggest it
before a question is sent. Like the topics, every problem is reported with its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medflow.domain.definitions import Label
from medflow.domain.errors import DefinitionError, Problem
from medflow.domain.topics import KEY_RE, TopicCatalog
from medflow.domain.yamlsource import Problems, line_of, load_file, unknown_keys

OFFER_KEYS = {"key", "title", "description", "topics", "contact", "link", "keywords"}
TEXTS = ("title", "description")
OPTIONAL_TEXTS = ("contact", "keywords")
LINK_MAX = 300


@dataclass(frozen=True)
class Offer:
    """One offer and the topics it helps with."""

    key: str
    title: Label
    description: Label
    topics: tuple[str, ...]
    contact: Label = Label("", "")
    link: str | None = None
    keywords: Label = Label("", "")
    line: int | None = None


@dataclass(frozen=True)
class OfferCatalog:
    """Every offer, in file order."""

    offers: tuple[Offer, ...] = ()
    source: str = ""

    def for_topic(self, key: str | None) -> tuple[Offer, ...]:
        """Return the offers that help with topic `key`, in file order."""
        return tuple(o for o in self.offers if key in o.topics) if key else ()


NO_OFFERS = OfferCatalog()


def _text(p: Problems, node: dict, name: str, where: str, required: bool) -> Label:
    """Read a {da, en} text; both languages are required when the text is there at all."""
    raw = node.get(name)
    if raw is None and not required:
        return Label("", "")
    complete = isinstance(raw, dict) and all(isinstance(raw.get(k), str) and raw[k].strip()
                                             for k in ("da", "en"))
    if not complete:
        p.add(raw if isinstance(raw, dict) else node, f"{where}: {name} needs a text in both 'da' and 'en'")
        return Label("", "")
    unknown_keys(p, raw, {"da", "en"}, f"{where}: {name}")
    return Label(raw["da"].strip(), raw["en"].strip())


def _topics(p: Problems, raw: dict, where: str, catalog: TopicCatalog | None) -> tuple[str, ...]:
    """Read the topics an offer helps with: a non-empty list of topic keys the topics file knows."""
    keys = raw.get("topics")
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
        p.add(raw, f"{where}: 'topics' must list the keys of the topics it helps with")
        return ()
    for key in keys:
        if catalog is not None and catalog.get(key) is None:
            p.add(keys, f"{where}: unknown topic {key!r} (see the topics file)", near=raw)
    return tuple(dict.fromkeys(keys))


def _link(p: Problems, raw: dict, where: str) -> str | None:
    """Read the optional web address: http(s) only, so a link never runs script."""
    link = raw.get("link")
    if link is None:
        return None
    if not isinstance(link, str) or not link.startswith(("https://", "http://")) or len(link) > LINK_MAX \
            or any(c.isspace() for c in link):
        p.add(raw, f"{where}: link must be an http(s) address of at most {LINK_MAX} characters")
        return None
    return link


def _offer(p: Problems, raw: Any, top: dict, catalog: TopicCatalog | None) -> Offer | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str) or not KEY_RE.match(raw["key"]):
        p.add(raw if isinstance(raw, dict) else top,
              "an offer needs a 'key' of lowercase letters, digits, - or _")
        return None
    where = f"offer {raw['key']!r}"
    unknown_keys(p, raw, OFFER_KEYS, where)
    title, description = (_text(p, raw, name, where, True) for name in TEXTS)
    contact, keywords = (_text(p, raw, name, where, False) for name in OPTIONAL_TEXTS)
    return Offer(key=raw["key"], title=title, description=description, topics=_topics(p, raw, where, catalog),
                 contact=contact, link=_link(p, raw, where), keywords=keywords, line=line_of(raw))


def parse_offers(data: Any, file: str, catalog: TopicCatalog | None = None) -> OfferCatalog:
    """Validate parsed YAML against the topics; raise DefinitionError listing every problem."""
    p = Problems(file)
    if not isinstance(data, dict) or not isinstance(data.get("offers"), list):
        message = "an offers file must be a mapping with an 'offers' list"
        raise DefinitionError([Problem(file, line_of(data) or 1, message)])
    unknown_keys(p, data, {"offers"}, "offers file")
    offers = [o for o in (_offer(p, raw, data, catalog) for raw in data["offers"]) if o]
    seen: dict[str, Offer] = {}
    for o in offers:
        if o.key in seen:
            p.add(None, f"offer {o.key!r} is defined twice (first on line {seen[o.key].line})", o.line)
        seen.setdefault(o.key, o)
    if p:
        raise DefinitionError(list(p))
    return OfferCatalog(tuple(offers), file)


def load_offers(path: str | Path, catalog: TopicCatalog | None = None) -> OfferCatalog:
    """Read and validate an offers file; raise DefinitionError with every problem and its line."""
    return parse_offers(load_file(path), str(path), catalog)
