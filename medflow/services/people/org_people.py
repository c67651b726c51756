"""Writing an organisation's people and roles in a handful of statements, however many there are.

One ORM object per person made a 10 MB file take minutes (each row's unit-of-work bookkeeping);
bulk INSERT and UPDATE by primary key keep the import linear in the file's size.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from medflow.domain.org import PersonSpec
from medflow.persistence.models import Membership, Person

CHUNK = 500  # ids per IN (...) list: far below every database's limit on bound parameters


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    """Yield `items` in slices small enough for one IN (...) list."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _write_rows(session: Session, specs: tuple[PersonSpec, ...], committee_ids: dict[str, int]) -> tuple:
    """Update the people we know and insert the others; return (ids by email, created, updated)."""
    known = {email: pid for email, pid in session.execute(select(Person.email, Person.id))}
    rows = [{"email": p.email, "name": p.name, "workplace_id": committee_ids.get(p.workplace),
             "is_admin": p.admin} for p in specs]
    old = [{"id": known[r["email"]], **r} for r in rows if r["email"] in known]
    new = [r for r in rows if r["email"] not in known]
    if old:
        session.execute(update(Person), old)  # bulk UPDATE by primary key
    if new:
        inserted = session.execute(insert(Person).returning(Person.email, Person.id), new)
        known.update((email, pid) for email, pid in inserted)
    return known, len(new), len(old)


def _set_roles(session: Session, wanted: set[tuple[int, int, str]], people: set[int]) -> None:
    """Make the roles of `people` exactly `wanted`: delete the others first, then add what is missing."""
    have = {(pid, cid, role): mid for mid, pid, cid, role in session.execute(
        select(Membership.id, Membership.person_id, Membership.committee_id, Membership.role)) if pid in people}
    stale = [mid for triple, mid in have.items() if triple not in wanted]
    for chunk in _chunks(stale):
        session.execute(delete(Membership).where(Membership.id.in_(chunk)))
    fresh = [{"person_id": p, "committee_id": c, "role": r} for p, c, r in wanted if (p, c, r) not in have]
    if fresh:
        session.execute(insert(Membership), fresh)


def write_people(session: Session, specs: tuple[PersonSpec, ...], committee_ids: dict[str, int], *,
                 keep_existing: bool = False) -> tuple[int, int]:
    """Write people and their roles (the file's roles replace theirs); return (created, updated).

    With `keep_existing` only people not yet known are written, with their roles; known people and
    their roles stay exactly as an administrator left them.
    """
    if keep_existing:
        known = set(session.scalars(select(Person.email)))
        specs = tuple(p for p in specs if p.email not in known)
    ids, created, updated = _write_rows(session, specs, committee_ids)
    wanted = {(ids[p.email], committee_ids[key], role) for p in specs for key, role in p.roles}
    _set_roles(session, wanted, {ids[p.email] for p in specs})
    session.expire_all()  # rows changed behind the identity map's back
    return created, updated
