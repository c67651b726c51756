"""Where a case stands in the committee tree: what the guards and the routing need to know.

Each piece (the tree, the committee the case came from) is loaded at most once per call and
only when an event's guards or route ask for it: most events (accept, schedule, resolve) need
neither.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.domain.guards import LEVEL_GUARDS, FireContext
from medflow.domain.routing import Tree, forward_target, refer_target
from medflow.persistence.models import Case, CaseEvent
from medflow.services.case_history import known_history
from medflow.services.tree import load_tree


def came_from(session: Session, case: Case) -> int | None:
    """Return the committee that forwarded the case to its current holder, if any."""
    history = known_history(session, case)
    if history is not None:  # already read (a case page, an event and its answer): no query
        forwards = [e for e in history if e.event == "forward" and e.to_committee_id == case.holder_id]
        return forwards[-1].from_committee_id if forwards else None
    return session.scalar(
        select(CaseEvent.from_committee_id)
        .where(CaseEvent.case_id == case.id, CaseEvent.event == "forward",
               CaseEvent.to_committee_id == case.holder_id)
        .order_by(CaseEvent.seq.desc()).limit(1)
    )


class CasePlace:
    """A case's place in the tree, loaded lazily and once (build one per call, not per case)."""

    def __init__(self, session: Session, case: Case) -> None:
        self.session, self.case = session, case

    @cached_property
    def tree(self) -> Tree:
        """Return the committee tree."""
        return load_tree(self.session)

    @cached_property
    def came_from(self) -> int | None:
        """Return the committee that forwarded the case to its holder, if any."""
        return came_from(self.session, self.case)

    def context(self, engine: WorkflowEngine, now: datetime, guards: Collection[str]) -> FireContext:
        """Return what `guards` need to know; facts no guard in `guards` asks about keep their defaults."""
        holder = self.case.holder_id
        return FireContext(
            now=now,
            has_parent="has_parent" not in guards or self.tree.parent(holder) is not None,
            can_refer="can_refer" not in guards or self.tree.has_children(holder)
            or self.came_from is not None,
            closed_at=self.case.closed_at,
            reopen_days=engine.definition.reopen_days,
            above_workplace=any(g in guards for g in LEVEL_GUARDS) and self.above_workplace(),
            on_agenda="on_agenda" not in guards or self.case.meeting_date is not None,
        )

    def above_workplace(self) -> bool:
        """Tell whether the holder sits above the committee of the case's workplace (it was sent up)."""
        origin, tree = self.case.origin_id, self.tree
        return origin in tree.nodes and self.case.holder_id in tree.nodes \
            and tree.is_descendant(origin, self.case.holder_id)

    def destination(self, route: str | None, target: str | None) -> int:
        """Return the committee an event with `route` (and a refer's `target`) leads to."""
        holder = self.case.holder_id
        if route == "parent":
            return forward_target(self.tree, holder).id
        if route == "child":
            return refer_target(self.tree, holder, target, None if target else self.came_from).id
        return holder
