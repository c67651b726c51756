"""Cascades: a committee publishes downwards; each receiving committee handles a cascade case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain import values
from medflow.domain.errors import Invalid, NotAllowed, Unknown, _
from medflow.domain.fields import parse_date
from medflow.domain.limits import TEXT_MAX
from medflow.persistence.base import utcnow
from medflow.persistence.models import Cascade, CascadeReceipt, Case, CaseEvent, Committee, Membership, Person
from medflow.services.access import roles_in
from medflow.services.hooks import case_event_added
from medflow.services.queries import all_committees

WORKFLOW = "cascade"
KINDS = ("decision", "information", "task")
PUBLISHER_ROLES = frozenset({"chair", "vice_chair", "secretary"})
MAX_TITLE, MAX_BODY = TEXT_MAX["title"], TEXT_MAX["body"]


@dataclass(frozen=True)
class NewCascade:
    """What a publishing committee fills in; no levels and no branches means every committee below."""

    committee: str
    title: str
    body: str
    kind: str
    due_date: Any = None
    internal: bool = False
    levels: tuple[str, ...] = ()
    branches: tuple[str, ...] = ()


def _committee(session: Session, key: Any) -> Committee:
    key = values.key("committee", key)
    committee = session.scalar(select(Committee).where(Committee.key == key)) if key else None
    if committee is None:
        raise Unknown(_("Unknown committee %(key)s."), key=key)
    return committee


def may_publish(session: Session, person: Person, committee: Committee) -> bool:
    """Tell whether `person` may publish from `committee` (its chair, vice chair or secretary)."""
    return person.is_admin or not roles_in(session, person, {committee.id}).isdisjoint(PUBLISHER_ROLES)


def may_publish_somewhere(session: Session, person: Person) -> bool:
    """Tell whether `person` may publish from some committee that has committees below it."""
    has_children = select(Committee.parent_id).where(Committee.parent_id.is_not(None))
    if person.is_admin:
        return session.scalar(has_children.limit(1)) is not None
    found = session.scalar(
        select(Membership.id).where(
            Membership.person_id == person.id, Membership.role.in_(PUBLISHER_ROLES),
            Membership.committee_id.in_(has_children),
        ).limit(1)
    )
    return found is not None


def publish_choices(session: Session, person: Person) -> tuple[list[Committee], list[Committee]]:
    """Return the committees `person` may publish from (those with committees below) and those below them."""
    committees = all_committees(session)
    mine = [c for c in committees if c.children and may_publish(session, person, c)]
    return mine, [d for c in mine for d in descendants(committees, c.id)]


def _check(new: NewCascade) -> None:
    """Refuse a missing or over-long title or text, and characters the databases cannot store."""
    if not isinstance(new.title, str) or not new.title.strip() or len(new.title.strip()) > MAX_TITLE:
        raise Invalid(_("A title of at most %(n)s characters is required."), n=MAX_TITLE)
    if not isinstance(new.body, str) or not new.body.strip() or len(new.body.strip()) > MAX_BODY:
        raise Invalid(_("A text of at most %(n)s characters is required."), n=MAX_BODY)
    values.text("title", new.title)
    values.text("body", new.body)
    if new.kind not in KINDS:
        raise Invalid(_("kind must be one of: %(choices)s."), choices=", ".join(KINDS))


def descendants(committees: list[Committee], root_id: int) -> list[Committee]:
    """Return every committee below `root_id`, top level first."""
    below, result = {root_id}, []
    for c in committees:  # all_committees is ordered by level rank, so parents come first
        if c.parent_id in below:
            below.add(c.id)
            result.append(c)
    return result


def _targets(session: Session, sender: Committee, new: NewCascade) -> list[Committee]:
    committees = all_committees(session)
    below = descendants(committees, sender.id)
    keys = {c.key for c in below}
    levels = {c.level.key for c in below}
    for key in new.branches:
        if key not in keys:
            raise Invalid(_("%(key)s is not a committee below the one holding the case."), key=key)
    for level in new.levels:
        if level not in levels:
            raise Invalid(_("There is no committee at level %(level)s below this one."), level=level)
    if new.branches:
        chosen = {c.id for b in new.branches for c in below if c.key == b}
        chosen |= {d.id for b in chosen for d in descendants(committees, b)}
        below = [c for c in below if c.id in chosen]
    if new.levels:
        below = [c for c in below if c.level.key in new.levels]
    return below


def _open_case(session: Session, cascade: Cascade, committee_id: int, actor: int,
               origin_id: int, via: int | None, now: datetime) -> Case:
    """Open one cascade case at a receiving committee and record it (hooks run)."""
    data: dict[str, Any] = {"cascade_id": cascade.id, "kind": cascade.kind}
    if cascade.due_date:
        data["due_date"] = cascade.due_date.isoformat()
    case = Case(workflow=WORKFLOW, title=cascade.title, description=cascade.body, state="received",
                holder_id=committee_id, submitter_id=actor, origin_id=origin_id, data=data,
                created_at=now, updated_at=now)
    session.add(case)
    session.flush()
    session.add(CascadeReceipt(cascade_id=cascade.id, case_id=case.id, committee_id=committee_id,
                               via_case_id=via))
    event = CaseEvent(case_id=case.id, seq=1, actor_id=actor, event="publish", from_state=None,
                      to_state="received", from_committee_id=origin_id, to_committee_id=committee_id,
                      data={"cascade_id": cascade.id}, created_at=now)
    session.add(event)
    session.flush()
    case_event_added(session, case, event)
    return case


def publish(session: Session, person: Person, new: NewCascade, now: datetime | None = None) -> Cascade:
    """Publish from a committee to the committees below it; each gets a cascade case."""
    cascade = publish_uncommitted(session, person, new, now)
    session.commit()
    return cascade


def publish_uncommitted(session: Session, person: Person, new: NewCascade,
                        now: datetime | None = None) -> Cascade:
    """Publish as `publish` does, leaving the commit to a caller that adds more (the annual cycle)."""
    now = now or utcnow()
    sender = _committee(session, new.committee)
    if not may_publish(session, person, sender):
        raise NotAllowed(_("Only the chair, vice chair or secretary of %(name)s can publish from it."),
                         name=sender.name)
    _check(new)
    targets = _targets(session, sender, new)
    if not targets:
        raise Invalid(_("There is no committee below %(name)s to publish to."), name=sender.name)
    cascade = Cascade(committee_id=sender.id, publisher_id=person.id, kind=new.kind,
                      title=new.title.strip(), body=new.body.strip(), internal=bool(new.internal),
                      due_date=parse_date("due_date", new.due_date, now.date()) if new.due_date else None,
                      created_at=now)
    session.add(cascade)
    session.flush()
    for target in targets:
        _open_case(session, cascade, target.id, person.id, sender.id, None, now)
    return cascade


def pass_down(session: Session, case: Case, event: CaseEvent) -> None:
    """When a committee passes a cascade down, open cascade cases at its own committees."""
    if case.workflow != WORKFLOW or event.event != "pass_down":
        return
    cascade = session.get(Cascade, case.data["cascade_id"])
    have = set(session.scalars(select(CascadeReceipt.committee_id)
                               .where(CascadeReceipt.cascade_id == cascade.id)))
    children = session.scalars(select(Committee).where(Committee.parent_id == case.holder_id))
    for child in children:
        if child.id not in have:
            _open_case(session, cascade, child.id, event.actor_id, case.holder_id, case.id,
                       event.created_at)
