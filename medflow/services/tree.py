"""Load the committee tree for routing, once per process and database, and again when it changes.

The organisation changes rarely (an import), while every forward, refer and inbox needs its
shape, so the tree is kept per database. An import in this process drops it at once; another
process (a `medflow org import` beside a running server) is seen within TREE_SECONDS.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from medflow.domain.routing import Node, Tree
from medflow.persistence.models import Committee, Membership

ORG_CHANGED = "medflow.org_changed"  # session.info: a committee or membership was written

TREE_SECONDS = 60.0
_trees: dict[str, tuple[float, Tree]] = {}
_lock = threading.Lock()


def _read_tree(session: Session) -> Tree:
    """Read the tree from the database (the cache's source)."""
    rows = session.execute(select(Committee.id, Committee.key, Committee.parent_id))
    return Tree({r.id: Node(r.id, r.key, r.parent_id) for r in rows})


def load_tree(session: Session) -> Tree:
    """Return the whole committee tree as routing's read-only view (cached, see the module)."""
    key = session.get_bind().url.render_as_string(hide_password=True)
    with _lock:
        cached = _trees.get(key)
    if cached is not None and time.monotonic() - cached[0] < TREE_SECONDS:
        return cached[1]
    tree = _read_tree(session)
    with _lock:
        _trees[key] = (time.monotonic(), tree)
    return tree


def informed_committees(session: Session, person) -> set[int]:
    """Return the committees whose information reaches the person: their workplace's and every one
    above it ("Information fra ledelsen/MED": approved minutes and cascades from above)."""
    if person.workplace_id is None:
        return set()
    return {person.workplace_id} | {n.id for n in load_tree(session).ancestors(person.workplace_id)}


def forget_trees() -> None:
    """Drop every cached tree (the organisation was just changed)."""
    with _lock:
        _trees.clear()


@event.listens_for(Session, "after_flush")
def _note_org_change(session: Session, _context) -> None:
    """Remember that this transaction wrote a committee or a membership (admin pages, imports...)."""
    if any(isinstance(row, Committee | Membership) for row in (*session.new, *session.dirty, *session.deleted)):
        session.info[ORG_CHANGED] = True


@event.listens_for(Session, "after_commit")
def _forget_after_org_change(session: Session) -> None:
    """Drop the cached tree and roles once such a change is committed, whichever code made it."""
    if session.info.pop(ORG_CHANGED, False):
        from medflow.services.access import forget_roles  # imported here: access sits above this module

        forget_trees()
        forget_roles(session)
