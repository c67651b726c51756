"""A strategy plan as a YAML file: read whole, every problem with file and line, and written back.

The file is the plan's portable form: a vision, subjects (emner / indsatsområder) with an intro,
goals and initiatives, and for each initiative its periods, who is responsible and its status.
`parse_plan` reports every problem before anything is written; `dump_plan` writes the same shape,
so an export imported again gives the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from medflow.domain.errors import DefinitionError
from medflow.domain.plan_periods import WHOLE, Period, PeriodError, parse
from medflow.domain.yamlsource import Problems, load_text, unknown_keys

STATUSES = ("planned", "under_way", "waiting", "done", "dropped")
CLOSED = frozenset({"done", "dropped"})
TOP_KEYS = {"committee", "title", "period", "vision", "subjects"}
SUBJECT_KEYS = {"title", "intro", "goals", "initiatives"}
INITIATIVE_KEYS = {"text", "periods", "responsible", "status", "decision"}
MAX_TEXT, MAX_TITLE, MAX_PERIODS = 5000, 200, 4


@dataclass(frozen=True)
class InitiativeSpec:
    """One initiative ("det vil vi"): its text, periods, who answers for it and where it stands."""

    text: str
    periods: tuple[Period, ...] = ()
    responsible: str = ""
    status: str = "planned"
    decision: str = ""


@dataclass(frozen=True)
class SubjectSpec:
    """One subject of the plan with its intro, goals and initiatives."""

    title: str
    intro: str = ""
    goals: tuple[str, ...] = ()
    initiatives: tuple[InitiativeSpec, ...] = ()


@dataclass(frozen=True)
class PlanSpec:
    """A whole plan as read from a file (the committee may be named by the file or by the importer)."""

    title: str
    committee: str | None = None
    years: tuple[int, int] | None = None
    vision: str = ""
    subjects: tuple[SubjectSpec, ...] = field(default=())


def _text(c: Problems, node: dict, key: str, what: str, *, required: bool = False,
          limit: int = MAX_TEXT) -> str:
    value = node.get(key)
    if value is None:
        if required:
            c.add(node, f"{what}: {key!r} is required")
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        c.add(value, f"{what}: {key!r} must be text", near=node)
        return ""
    value = str(value).strip()
    if required and not value:
        c.add(node, f"{what}: {key!r} is empty")
    if len(value) > limit:
        c.add(node, f"{what}: {key!r} is longer than {limit} characters")
    return value


def _list(c: Problems, node: dict, key: str, what: str) -> list:
    value = node.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        c.add(value, f"{what}: {key!r} must be a list", near=node)
        return []
    return value


def _years(c: Problems, top: dict) -> tuple[int, int] | None:
    raw = top.get("period")
    if raw is None:
        return None
    try:
        period = parse(str(raw))
    except PeriodError as exc:
        c.add(top, f"plan: period: {exc}")
        return None
    if period.kind != "years":
        c.add(top, "plan: period must be a year or years, e.g. '2013-2014'")
        return None
    return period.first, period.last


def _periods(c: Problems, node: dict, what: str, years: tuple[int, int] | None) -> tuple[Period, ...]:
    raw = node.get("periods")
    items = [raw] if isinstance(raw, str | int) else _list(c, node, "periods", what)
    found = []
    for item in items:
        try:
            period = parse(str(item))
        except PeriodError as exc:
            c.add(items, f"{what}: {exc}", near=node)
            continue
        if period.kind == WHOLE and years is None:
            c.add(node, f"{what}: '{period.text()}' needs the plan's period (period: 2013-2014)")
        found.append(period)
    if len(found) > MAX_PERIODS:
        c.add(node, f"{what}: at most {MAX_PERIODS} periods")
    return tuple(found)


def _initiative(c: Problems, raw: Any, what: str, years, near: Any) -> InitiativeSpec | None:
    if isinstance(raw, str):
        return InitiativeSpec(raw.strip()) if raw.strip() else None
    if not isinstance(raw, dict):
        c.add(raw, f"{what}: write the initiative as text or as a mapping with 'text'", near=near)
        return None
    unknown_keys(c, raw, INITIATIVE_KEYS, what)
    status = raw.get("status", "planned")
    if status not in STATUSES:
        c.add(raw, f"{what}: status {status!r} is not one of {', '.join(STATUSES)}")
    decision = _text(c, raw, "decision", what)
    if status == "waiting" and not decision:
        c.add(raw, f"{what}: status 'waiting' needs 'decision': which decision it waits for")
    return InitiativeSpec(_text(c, raw, "text", what, required=True), _periods(c, raw, what, years),
                          _text(c, raw, "responsible", what, limit=MAX_TITLE), str(status), decision)


def _goal(c: Problems, raw: Any, what: str, near: Any) -> str | None:
    if not isinstance(raw, str | int | float) or not str(raw).strip():
        c.add(raw, f"{what}: a goal is a line of text", near=near)
        return None
    return str(raw).strip()


def _subject(c: Problems, raw: Any, number: int, years, near: Any) -> SubjectSpec | None:
    what = f"subject {number}"
    if not isinstance(raw, dict):
        c.add(raw, f"{what}: must be a mapping with 'title'", near=near)
        return None
    unknown_keys(c, raw, SUBJECT_KEYS, what)
    goals = _list(c, raw, "goals", what)
    initiatives = _list(c, raw, "initiatives", what)
    return SubjectSpec(
        _text(c, raw, "title", what, required=True, limit=MAX_TITLE), _text(c, raw, "intro", what),
        tuple(g for i, r in enumerate(goals, 1) if (g := _goal(c, r, f"{what}, goal {i}", goals))),
        tuple(s for i, r in enumerate(initiatives, 1)
              if (s := _initiative(c, r, f"{what}, initiative {i}", years, initiatives))))


def parse_plan(text: str, file: str) -> PlanSpec:
    """Read a plan file; raise DefinitionError listing every problem with its file and line."""
    top = load_text(text, file)
    c = Problems(file)
    if not isinstance(top, dict):
        c.add(top, "a plan file is a mapping with 'title' and 'subjects'")
        raise DefinitionError(c)
    unknown_keys(c, top, TOP_KEYS, "plan")
    years = _years(c, top)
    subjects = _list(c, top, "subjects", "plan")
    if not subjects:
        c.add(top, "plan: 'subjects' must list at least one subject")
    spec = PlanSpec(_text(c, top, "title", "plan", required=True, limit=MAX_TITLE),
                    _text(c, top, "committee", "plan", limit=MAX_TITLE) or None, years,
                    _text(c, top, "vision", "plan"),
                    tuple(s for i, r in enumerate(subjects, 1) if (s := _subject(c, r, i, years, subjects))))
    if c:
        raise DefinitionError(c)
    return spec


def _initiative_data(item: InitiativeSpec) -> dict[str, Any]:
    data: dict[str, Any] = {"text": item.text}
    if item.periods:
        data["periods"] = [p.text() for p in item.periods]
    if item.responsible:
        data["responsible"] = item.responsible
    data["status"] = item.status
    if item.decision:
        data["decision"] = item.decision
    return data


class _Dumper(yaml.SafeDumper):
    """Writes text of several lines as a block ("|"), as people write the plans by hand."""


def _text_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text_block)


def dump_plan(spec: PlanSpec) -> str:
    """Write a plan in the file shape `parse_plan` reads."""
    data: dict[str, Any] = {"committee": spec.committee} if spec.committee else {}
    data["title"] = spec.title
    if spec.years:
        data["period"] = f"{spec.years[0]}-{spec.years[1]}"
    data["vision"] = spec.vision
    data["subjects"] = [{"title": s.title, "intro": s.intro, "goals": list(s.goals),
                         "initiatives": [_initiative_data(i) for i in s.initiatives]} for s in spec.subjects]
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)

