"""Adding people, changing their workplace, deactivating them (never deleting) and their roles."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medflow.domain.definitions import COMMITTEE_ROLES as ROLES
from medflow.domain.errors import Invalid, NotPossible, _
from medflow.domain.sides import SIDES, side_for_role
from medflow.persistence.models import Committee, Membership, Person
from medflow.services.admin import audit, lookup


def add_person(session: Session, actor: Person, *, email: object, name: object, workplace: object,
               admin: bool = False) -> Person:
    """Add a person with a workplace committee; they log in by single sign-on or a password set later."""
    address = lookup.email(email)
    if session.scalar(select(Person.id).where(Person.email == address)):
        raise NotPossible(_("email: %(email)s already belongs to someone."), email=address)
    person = Person(email=address, name=lookup.text(name, "name", 200), is_admin=bool(admin),
                    workplace=lookup.committee(session, workplace, "workplace"), active=True)
    session.add(person)
    session.flush()
    audit.record(session, actor, "person.add", address, None, audit.person_facts(person))
    session.commit()
    return person


def change_workplace(session: Session, actor: Person, email: object, workplace: object) -> Person:
    """Move a person to another workplace committee (new cases start there; old ones stay put)."""
    person = lookup.person(session, email)
    before = audit.person_facts(person)
    person.workplace = lookup.committee(session, workplace, "workplace")
    audit.record(session, actor, "person.workplace", person.email, before, audit.person_facts(person))
    session.commit()
    return person


def last_chair_of(session: Session, person: Person) -> list[Committee]:
    """Return the committees where `person` is the only active chair."""
    chaired = [m.committee for m in person.memberships if m.role == "chair"]
    return [c for c in chaired if _active_chairs(session, c) <= 1]


def _active_chairs(session: Session, committee: Committee) -> int:
    return session.scalar(select(func.count()).select_from(Membership).join(Person).where(
        Membership.committee_id == committee.id, Membership.role == "chair", Person.active.is_(True))) or 0


def set_active(session: Session, actor: Person, email: object, active: bool) -> Person:
    """Deactivate (or reactivate) a person: no log-in while inactive; cases and history are kept."""
    person = lookup.person(session, email)
    if not active and person.id == actor.id:
        raise NotPossible(_("You cannot deactivate yourself."))
    if not active and (sole := last_chair_of(session, person)):
        raise NotPossible(_("%(email)s is the last chair of %(committees)s: make someone else chair first."),
                          email=person.email, committees=", ".join(c.name for c in sole))
    before = audit.person_facts(person)
    person.active = active
    audit.record(session, actor, "person.activate" if active else "person.deactivate", person.email,
                 before, audit.person_facts(person))
    session.commit()
    return person


def _role(value: object) -> str:
    if value not in ROLES:
        raise Invalid(_("role must be one of: %(roles)s."), roles=", ".join(sorted(ROLES)))
    return str(value)


def _side(value: object, role: str) -> str:
    """Return the side asked for, or the one the role implies when none is (leaders: management)."""
    if value in (None, ""):
        return side_for_role(role)
    if value not in SIDES:
        raise Invalid(_("side must be one of: %(sides)s."), sides=", ".join(SIDES))
    return str(value)


def add_role(session: Session, actor: Person, committee_key: object, email: object, role: object,
             side: object = None) -> Membership:
    """Give a person a role in a committee, on management's side or the employees' (by default the role's)."""
    committee = lookup.committee(session, committee_key)
    person, role = lookup.person(session, email), _role(role)
    side = _side(side, role)
    if not person.active:
        raise NotPossible(_("email: %(email)s is deactivated."), email=person.email)
    if any(m.committee_id == committee.id and m.role == role for m in person.memberships):
        raise NotPossible(_("%(email)s already is %(role)s of %(key)s."), email=person.email, role=role,
                          key=committee.key)
    membership = Membership(committee=committee, role=role, side=side)
    person.memberships.append(membership)
    audit.record(session, actor, "role.add", person.email, None,
                 {"committee": committee.key, "role": role, "side": side})
    session.commit()
    return membership


def set_side(session: Session, actor: Person, committee_key: object, email: object, role: object,
             side: object) -> Membership:
    """Say which side a member sits on (a leader who is no chair sits for management; theme days ask)."""
    committee = lookup.committee(session, committee_key)
    person, role = lookup.person(session, email), _role(role)
    if side in (None, ""):
        raise Invalid(_("side must be one of: %(sides)s."), sides=", ".join(SIDES))
    side = _side(side, role)
    membership = next((m for m in person.memberships
                       if m.committee_id == committee.id and m.role == role), None)
    if membership is None:
        raise NotPossible(_("%(email)s is not %(role)s of %(key)s."), email=person.email, role=role,
                          key=committee.key)
    if membership.side != side:
        where = {"committee": committee.key}
        audit.record(session, actor, "role.side", person.email, {**where, "side": membership.side},
                     {**where, "side": side})
        membership.side = side
    session.commit()
    return membership


def remove_role(session: Session, actor: Person, committee_key: object, email: object, role: object,
                successor: object = None) -> None:
    """Take a role away; the last chair goes only when a successor is named (who becomes chair)."""
    committee = lookup.committee(session, committee_key)
    person, role = lookup.person(session, email), _role(role)
    membership = next((m for m in person.memberships
                       if m.committee_id == committee.id and m.role == role), None)
    if membership is None:
        raise NotPossible(_("%(email)s is not %(role)s of %(key)s."), email=person.email, role=role,
                          key=committee.key)
    if role == "chair" and person.active and _active_chairs(session, committee) <= 1:
        if not successor:
            raise Invalid(_("successor: %(email)s is the last chair of %(key)s; name who takes over."),
                          email=person.email, key=committee.key)
        _make_chair(session, actor, committee, lookup.person(session, successor, "successor"), person)
    person.memberships.remove(membership)
    audit.record(session, actor, "role.remove", person.email, {"committee": committee.key, "role": role}, None)
    session.commit()


def _make_chair(session: Session, actor: Person, committee: Committee, heir: Person, leaving: Person) -> None:
    if heir.id == leaving.id or not heir.active:
        raise Invalid(_("successor: choose another, active person."))
    if not any(m.committee_id == committee.id and m.role == "chair" for m in heir.memberships):
        heir.memberships.append(Membership(committee=committee, role="chair"))
        audit.record(session, actor, "role.add", heir.email, None,
                     {"committee": committee.key, "role": "chair"})
