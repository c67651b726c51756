"""Load the committee tree for routing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.routing import Node, Tree
from medflow.persistence.models import Committee


def load_tree(session: Session) -> Tree:
    """Return the whole committee tree as routing's read-only view."""
    rows = session.execute(select(Committee.id, Committee.key, Committee.parent_id))
    return Tree({r.id: Node(r.id, r.key, r.parent_id) for r in rows})
