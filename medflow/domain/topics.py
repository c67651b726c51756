"""Topics (task kinds): which MED level is responsible for what, loaded from one YAML file.

The same data routes new cases, draws the flowchart and writes the "where do I go?" guide,
so the picture can never disagree with the routing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medflow.domain.definitions import Label, WorkflowDefinition
from medflow.domain.errors import DefinitionError, Invalid, Problem, _
from medflow.domain.org import DEFAULT_LEVELS
from medflow.domain.topic_synonyms import NO_SYNONYMS, Synonyms, parse_synonyms
from medflow.domain.yamlsource import Problems, line_of, load_file, unknown_keys

ROLES = ("inform", "discuss", "guideline", "decide", "carry_out")
CENTRAL_PARTIES = "central_parties"
CENTRAL_PARTIES_LABEL = Label(
    "De centrale parter (KL/Forhandlingsfællesskabet)",
    "The central parties (KL/Forhandlingsfællesskabet)",
)
ROLE_LABELS = {
    "inform": Label("Orienterer", "Informs"),
    "discuss": Label("Drøfter", "Discusses"),
    "guideline": Label("Aftaler retningslinjer", "Agrees guidelines"),
    "decide": Label("Beslutter", "Decides"),
    "carry_out": Label("Udfører", "Carries out"),
}
TOP_KEYS = {"levels", "topics"}
LEVEL_KEYS = {"key", "label"}
TOPIC_KEYS = {"key", "label", "description", "level", "role", "workflow", "direct", "escalation", "category",
              "keywords", "common", "synonyms"}
ESCALATION_KEYS = {"to", "rule"}
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class TopicLevel:
    """A lane of the flowchart: one level of the MED organisation, top first."""

    key: str
    label: Label


@dataclass(frozen=True)
class Escalation:
    """Where a topic goes when it cannot be settled at its level, and when."""

    to: str
    rule: Label


@dataclass(frozen=True)
class Topic:
    """A kind of matter, the level responsible for it and the case type it opens."""

    key: str
    label: Label
    description: Label
    level: str
    role: str
    workflow: str
    direct: bool = False
    escalation: Escalation | None = None
    category: str | None = None
    line: int | None = None
    keywords: Label = Label("", "")
    common: bool = False
    synonyms: Synonyms = NO_SYNONYMS


@dataclass(frozen=True)
class TopicCatalog:
    """Every topic with the levels they belong to."""

    levels: tuple[TopicLevel, ...]
    topics: tuple[Topic, ...]
    source: str = ""
    _index: dict[str, Topic] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({t.key: t for t in self.topics})

    def get(self, key: str) -> Topic | None:
        """Return the topic called `key`, or None."""
        return self._index.get(key)

    def in_level(self, level: str) -> tuple[Topic, ...]:
        """Return the topics a level is responsible for, in file order."""
        return tuple(t for t in self.topics if t.level == level)

    def level_label(self, key: str, lang: str) -> str:
        """Return the name of a level (or of the central parties) in `lang`."""
        if key == CENTRAL_PARTIES:
            return CENTRAL_PARTIES_LABEL.get(lang)
        for level in self.levels:
            if level.key == key:
                return level.label.get(lang)
        return key


def find_topic(catalog: TopicCatalog, key: Any) -> Topic:
    """Return the topic called `key`, or raise Invalid naming the problem."""
    topic = catalog.get(key) if isinstance(key, str) else None
    if topic is None:
        raise Invalid(_("Unknown topic %(key)s. GET /api/v1/topics lists the topics."), key=key)
    return topic


DEFAULT_TOPIC_LEVELS = tuple(TopicLevel(k, Label(n, n)) for k, n in DEFAULT_LEVELS)
EMPTY_CATALOG = TopicCatalog(DEFAULT_TOPIC_LEVELS, ())


def _text(p: Problems, node: dict, raw: Any, what: str) -> Label:
    """Read a {da, en} text; both languages are required."""
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k].strip()
                                            for k in ("da", "en")):
        p.add(raw if isinstance(raw, dict) else node, f"{what} needs a text in both 'da' and 'en'")
        return Label("", "")
    unknown_keys(p, raw, {"da", "en"}, what)
    return Label(raw["da"].strip(), raw["en"].strip())


def _levels(p: Problems, raw: Any, top: dict) -> tuple[TopicLevel, ...]:
    if raw is None:
        return DEFAULT_TOPIC_LEVELS
    result: list[TopicLevel] = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            p.add(item if isinstance(item, dict) else top, "a level needs a 'key' and a 'label'")
            continue
        unknown_keys(p, item, LEVEL_KEYS, f"level {item['key']!r}")
        if any(lv.key == item["key"] for lv in result):
            p.add(item, f"level {item['key']!r} is listed twice")
        label = _text(p, item, item.get("label"), f"level {item['key']!r}: label")
        result.append(TopicLevel(item["key"], label))
    if not result:
        p.add(top, "'levels' must list the levels, top first")
        return DEFAULT_TOPIC_LEVELS
    return tuple(result)


def _escalation(p: Problems, raw: Any, where: str, rank: Mapping[str, int], level: Any) -> Escalation | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("to"), str):
        p.add(raw, f"{where}: escalation needs 'to' (a higher level or {CENTRAL_PARTIES}) and a 'rule'")
        return None
    unknown_keys(p, raw, ESCALATION_KEYS, f"{where}: escalation")
    to = raw["to"]
    if to != CENTRAL_PARTIES and to not in rank:
        p.add(raw, f"{where}: escalation to unknown level {to!r}")
    elif to != CENTRAL_PARTIES and level in rank and rank[to] >= rank[level]:
        p.add(raw, f"{where}: escalation must go to a higher level than {level!r}, not {to!r}")
    return Escalation(to, _text(p, raw, raw.get("rule"), f"{where}: escalation rule"))


def _key(raw: dict, name: str) -> str | None:
    """Return a key-like field when it is text (a list is never a level, role or workflow)."""
    value = raw.get(name)
    return value if isinstance(value, str) else None


def _check_choices(p: Problems, raw: dict, where: str, rank: Mapping[str, int],
                   workflows: Mapping[str, WorkflowDefinition] | None) -> None:
    if _key(raw, "level") not in rank:
        p.add(raw, f"{where}: unknown level {raw.get('level')!r} (use one of: {', '.join(rank)})")
    if _key(raw, "role") not in ROLES:
        p.add(raw, f"{where}: unknown role {raw.get('role')!r} (use one of: {', '.join(ROLES)})")
    for flag in ("direct", "common"):
        if not isinstance(raw.get(flag, False), bool):
            p.add(raw, f"{where}: {flag} must be true or false")
    workflow, category = _key(raw, "workflow"), raw.get("category")
    if workflows is not None and workflow not in workflows:
        choices = ", ".join(sorted(workflows))
        p.add(raw, f"{where}: unknown workflow {raw.get('workflow')!r} (use one of: {choices})")
    elif workflows is not None and category is not None and category not in workflows[workflow].categories:
        p.add(raw, f"{where}: category {category!r} is not a category of workflow {workflow!r}")


def _topic(p: Problems, raw: Any, top: dict, rank: Mapping[str, int],
           workflows: Mapping[str, WorkflowDefinition] | None) -> Topic | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str) or not KEY_RE.match(raw["key"]):
        p.add(raw if isinstance(raw, dict) else top,
              "a topic needs a 'key' of lowercase letters, digits, - or _")
        return None
    where = f"topic {raw['key']!r}"
    unknown_keys(p, raw, TOPIC_KEYS, where)
    _check_choices(p, raw, where, rank, workflows)
    description, keywords = raw.get("description"), raw.get("keywords")
    if description is not None:
        description = _text(p, raw, description, f"{where}: description")
    if keywords is not None:
        keywords = _text(p, raw, keywords, f"{where}: keywords")
    return Topic(
        key=raw["key"],
        label=_text(p, raw, raw.get("label"), f"{where}: label"),
        description=description or Label("", ""),
        level=str(raw.get("level")), role=str(raw.get("role")), workflow=str(raw.get("workflow")),
        direct=raw.get("direct") is True,
        escalation=_escalation(p, raw.get("escalation"), where, rank, _key(raw, "level")),
        category=raw.get("category"), line=line_of(raw),
        keywords=keywords or Label("", ""), common=raw.get("common") is True,
        synonyms=parse_synonyms(p, raw.get("synonyms"), where, raw),
    )


def parse_topics(
    data: Any, file: str, workflows: Mapping[str, WorkflowDefinition] | None = None
) -> TopicCatalog:
    """Validate parsed YAML against the workflows; raise DefinitionError listing every problem."""
    p = Problems(file)
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        message = "a topics file must be a mapping with a 'topics' list"
        raise DefinitionError([Problem(file, line_of(data) or 1, message)])
    unknown_keys(p, data, TOP_KEYS, "topics file")
    levels = _levels(p, data.get("levels"), data)
    rank = {lv.key: i for i, lv in enumerate(levels)}
    topics = [t for t in (_topic(p, raw, data, rank, workflows) for raw in data["topics"]) if t]
    seen: dict[str, Topic] = {}
    for t in topics:
        if t.key in seen:
            p.add(None, f"topic {t.key!r} is defined twice (first on line {seen[t.key].line})", t.line)
        seen.setdefault(t.key, t)
    if p:
        raise DefinitionError(list(p))
    return TopicCatalog(levels, tuple(topics), file)


def load_topics(
    path: str | Path, workflows: Mapping[str, WorkflowDefinition] | None = None
) -> TopicCatalog:
    """Read and validate a topics file; raise DefinitionError with every problem and its line."""
    return parse_topics(load_file(path), str(path), workflows)
