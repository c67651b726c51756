"""Creating, renaming, moving and closing committees; a closed committee's open cases move on."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.domain.errors import Invalid, NotPossible, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, Committee, Membership, Person
from medflow.services.admin import audit, lookup
from medflow.services.system_changes import transfer_case


def _check_parent(child: Committee, parent: Committee | None) -> None:
    """A parent must sit on a higher level and not below the child (no cycles)."""
    if parent is None:
        return
    node: Committee | None = parent
    while node is not None:
        if node.id == child.id:
            raise NotPossible(_("parent: %(parent)s is %(key)s itself or below it; that would make a cycle."),
                              parent=parent.key, key=child.key)
        node = node.parent
    if parent.level.rank >= child.level.rank:
        raise Invalid(_("parent: %(parent)s is not on a higher level than %(key)s."),
                      parent=parent.key, key=child.key)


def create_committee(session: Session, actor: Person, *, key: object, name: object, level: object,
                     parent: object = None, cost_centre: object = None) -> Committee:
    """Add a committee under `parent` (none: a top committee)."""
    key = lookup.text(key, "key", 80).lower()
    if not lookup.KEY.match(key):
        raise Invalid(_("key: use lower-case letters, digits and hyphens (e.g. lok-skole)."))
    if session.scalar(select(Committee.id).where(Committee.key == key)):
        raise NotPossible(_("key: a committee with the key %(key)s already exists."), key=key)
    values = dict(key=key, name=lookup.text(name, "name", 200), level=lookup.level(session, level),
                  cost_centre=_cost_centre(session, cost_centre),
                  parent=lookup.committee(session, parent, "parent") if parent else None)
    with session.no_autoflush:
        committee = Committee(**values)
        _check_parent(committee, committee.parent)
    session.add(committee)
    session.flush()
    audit.record(session, actor, "committee.create", key, None, audit.committee_facts(committee))
    session.commit()
    return committee


def _cost_centre(session: Session, value: object) -> str | None:
    code = value.strip() if isinstance(value, str) else ""
    if not code:
        return None
    if session.scalar(select(Committee.key).where(Committee.cost_centre == code)):
        raise NotPossible(_("cost_centre: %(code)s already belongs to another committee."), code=code)
    return code[:40]


def rename_committee(session: Session, actor: Person, key: object, name: object) -> Committee:
    """Give a committee a new name (its key, used in links and imports, stays)."""
    committee = lookup.committee(session, key)
    before = audit.committee_facts(committee)
    committee.name = lookup.text(name, "name", 200)
    audit.record(session, actor, "committee.rename", committee.key, before, audit.committee_facts(committee))
    session.commit()
    return committee


def set_cost_centre(session: Session, actor: Person, key: object, code: object) -> Committee:
    """Record HR's cost-centre code for a committee (blank: none), used by the people CSV import."""
    committee = lookup.committee(session, key)
    before = audit.committee_facts(committee)
    new = code.strip() if isinstance(code, str) else ""
    if new != (committee.cost_centre or ""):
        committee.cost_centre = _cost_centre(session, new)
        audit.record(session, actor, "committee.cost_centre", committee.key, before,
                     audit.committee_facts(committee))
    session.commit()
    return committee


def move_committee(session: Session, actor: Person, key: object, parent: object) -> Committee:
    """Put a committee under another parent; refuse cycles and parents on the same level or below."""
    committee = lookup.committee(session, key)
    new_parent = lookup.committee(session, parent, "parent")
    _check_parent(committee, new_parent)
    before = audit.committee_facts(committee)
    committee.parent = new_parent
    audit.record(session, actor, "committee.move", committee.key, before, audit.committee_facts(committee))
    session.commit()
    return committee


def open_cases(session: Session, committee: Committee) -> list[Case]:
    """Return the open cases a committee holds."""
    return list(session.scalars(select(Case).where(Case.holder_id == committee.id, Case.closed_at.is_(None))
                                .order_by(Case.id)))


def _check_close(committee: Committee, successor: Committee) -> None:
    if successor.id == committee.id:
        raise Invalid(_("successor: a committee cannot take over its own work."))
    if any(child.closed_at is None for child in committee.children):
        raise NotPossible(_("%(key)s still has committees below it: move or close them first."),
                          key=committee.key)


def preview_close(session: Session, key: object, successor: object) -> tuple[Committee, Committee, list[Case]]:
    """Check a closing as `close_committee` would and return the committee, its heir and the cases that move.

    The admin page shows this before anything changes, so nobody closes a committee by a slip.
    """
    committee = lookup.committee(session, key)
    heir = lookup.committee(session, successor, "successor")
    _check_close(committee, heir)
    return committee, heir, open_cases(session, committee)


def close_committee(session: Session, engines: dict[str, WorkflowEngine], actor: Person,
                    key: object, successor: object) -> tuple[Committee, int]:
    """Close a committee: its open cases (with a history row each) and its people move to `successor`.

    Each case moves in its own version-guarded transaction; if one fails, nothing else changed
    and closing again moves the rest. Returns the committee and how many cases moved.
    """
    committee = lookup.committee(session, key)
    heir = lookup.committee(session, successor, "successor")
    _check_close(committee, heir)
    moved = 0
    for case in open_cases(session, committee):
        transfer_case(session, engines, case.id, case.version, heir.id, actor_id=actor.id,
                      data={"closed_committee": committee.key})
        moved += 1
    before = audit.committee_facts(committee)
    _rehome_people(session, actor, committee, heir)
    # Detached from the tree: nothing can be forwarded, referred or cascaded to it any more.
    committee.closed_at, committee.successor_id, committee.parent = utcnow(), heir.id, None
    after = {**audit.committee_facts(committee), "successor": heir.key, "cases_moved": moved}
    audit.record(session, actor, "committee.close", committee.key, before, after)
    session.commit()
    return committee, moved


def _rehome_people(session: Session, actor: Person, committee: Committee, heir: Committee) -> None:
    """Give the closed committee's people the successor as workplace; end their roles there."""
    for person in session.scalars(select(Person).where(Person.workplace_id == committee.id)):
        before = audit.person_facts(person)
        person.workplace = heir
        audit.record(session, actor, "person.workplace", person.email, before, audit.person_facts(person))
    for membership in session.scalars(select(Membership).where(Membership.committee_id == committee.id)):
        audit.record(session, actor, "role.remove", membership.person.email,
                     {"committee": committee.key, "role": membership.role}, None)
        session.delete(membership)
