"""Cases opened on a topic, and the "where do I go?" guidance drawn from the same data."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.definitions import COMMITTEE_ROLES
from medflow.domain.engine import WorkflowEngine
from medflow.domain.errors import Invalid, _
from medflow.domain.routing import Placed, topic_start
from medflow.domain.topics import Topic, TopicCatalog, find_topic
from medflow.persistence.models import Case, Committee, Level, Membership, Person
from medflow.services.cases import NewCase, submit_case


@dataclass(frozen=True)
class Member:
    """Someone who sits in a committee, and in which roles (a TR may also be vice chair)."""

    name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Guidance:
    """Where a matter on one topic goes for one person (committee unknown for visitors)."""

    topic: Topic
    start_level: str  # the level where the matter starts
    committee: Committee | None
    members: list[Member]


def _chain(workplace: Committee) -> list[Placed]:
    chain, current = [], workplace
    while current is not None:
        chain.append(Placed(current.id, current.key, current.level.rank))
        current = current.parent
    return chain


def start_committee(session: Session, workplace: Committee, topic: Topic) -> Committee:
    """Return the committee where a case on `topic` from `workplace` starts."""
    rank = session.scalar(select(Level.rank).where(Level.key == topic.level))
    start = topic_start(_chain(workplace), rank, topic.direct)
    return session.get(Committee, start.id)


def _with_topic(new: NewCase, topic: Topic) -> NewCase:
    if new.workflow and new.workflow != topic.workflow:
        raise Invalid(
            _("The topic %(topic)s opens a %(expected)s case, not %(given)s. "
              "Leave out workflow or send %(expected)s."),
            topic=topic.key, expected=topic.workflow, given=new.workflow,
        )
    extra = dict(new.extra or {})
    if topic.category and not extra.get("category"):
        extra["category"] = topic.category
    return replace(new, workflow=topic.workflow, extra=extra)


def submit_on_topic(
    session: Session, engines: dict[str, WorkflowEngine], catalog: TopicCatalog, submitter: Person,
    new: NewCase,
) -> Case:
    """Open a case; with a topic, take its workflow and start at the level the topic says."""
    if new.topic in (None, ""):
        return submit_case(session, engines, submitter, replace(new, topic=None))
    topic = find_topic(catalog, new.topic)
    new = _with_topic(new, topic)
    start = None if submitter.workplace is None else start_committee(session, submitter.workplace, topic)
    return submit_case(session, engines, submitter, new, start=start)


def members_of(session: Session, committee: Committee) -> list[Member]:
    """Return who sits in a committee, chair first, then by role and name."""
    rows = session.execute(
        select(Person.name, Membership.role).join(Membership.person)
        .where(Membership.committee_id == committee.id, Person.active.is_(True))
    )
    order = {role: i for i, role in enumerate(COMMITTEE_ROLES)}
    roles: dict[str, list[str]] = {}
    for row in rows:
        roles.setdefault(row.name, []).append(row.role)
    members = [Member(name, tuple(sorted(rs, key=lambda r: order.get(r, 99)))) for name, rs in roles.items()]
    return sorted(members, key=lambda m: (order.get(m.roles[0], 99), m.name))


def guide(session: Session, catalog: TopicCatalog, person: Person | None, topic_key: str) -> Guidance:
    """Tell `person` (None for a visitor) which committee takes a matter on a topic, and who sits there."""
    topic = find_topic(catalog, topic_key)
    if person is None or person.workplace is None:
        level = topic.level if topic.direct or not catalog.levels else catalog.levels[-1].key
        return Guidance(topic, level, None, [])
    committee = start_committee(session, person.workplace, topic)
    return Guidance(topic, committee.level.key, committee, members_of(session, committee))


def destinations(session: Session, catalog: TopicCatalog, workplace: Committee | None) -> dict[str, Committee]:
    """Return, per topic key, the committee where a case from `workplace` on that topic starts."""
    if workplace is None:
        return {}
    by_rule: dict[tuple[str, bool], Committee] = {}
    result = {}
    for topic in catalog.topics:
        rule = (topic.level, topic.direct)
        if rule not in by_rule:
            by_rule[rule] = start_committee(session, workplace, topic)
        result[topic.key] = by_rule[rule]
    return result
