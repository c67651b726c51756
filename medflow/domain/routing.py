"""Where forward and refer lead, worked out on a small view of the committee tree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from medflow.domain.errors import Invalid, NotPossible, _


@dataclass(frozen=True)
class Node:
    """A committee as routing sees it."""

    id: int
    key: str
    parent_id: int | None


class Tree:
    """A read-only committee tree, keyed by id."""

    def __init__(self, nodes: Mapping[int, Node]) -> None:
        self.nodes = dict(nodes)
        self.by_key = {n.key: n for n in self.nodes.values()}
        self.children: dict[int, list[int]] = {}
        for n in self.nodes.values():
            if n.parent_id is not None:
                self.children.setdefault(n.parent_id, []).append(n.id)

    def parent(self, node_id: int) -> Node | None:
        """Return the committee above, or None at the top."""
        parent_id = self.nodes[node_id].parent_id
        return None if parent_id is None else self.nodes[parent_id]

    def ancestors(self, node_id: int) -> list[Node]:
        """Return the committees above `node_id`, nearest first."""
        result, current = [], self.parent(node_id)
        while current is not None:
            result.append(current)
            current = self.parent(current.id)
        return result

    def is_descendant(self, node_id: int, of_id: int) -> bool:
        """Tell whether `node_id` lies somewhere below `of_id`."""
        return any(a.id == of_id for a in self.ancestors(node_id))

    def has_children(self, node_id: int) -> bool:
        """Tell whether any committee lies below `node_id`."""
        return bool(self.children.get(node_id))


def forward_target(tree: Tree, holder_id: int) -> Node:
    """Return the committee a forward leads to: the parent of the holder."""
    parent = tree.parent(holder_id)
    if parent is None:
        raise NotPossible(_("The case is already at the top committee and cannot be forwarded further."))
    return parent


def refer_target(tree: Tree, holder_id: int, target_key: str | None, came_from: int | None) -> Node:
    """Return the committee a refer leads to: a named committee below, or where it came from."""
    if not target_key:
        if came_from is None or not tree.is_descendant(came_from, holder_id):
            raise Invalid(_("Choose the committee below to refer the case to (target)."))
        return tree.nodes[came_from]
    node = tree.by_key.get(target_key)
    if node is None:
        raise Invalid(_("Unknown committee %(key)s."), key=target_key)
    if not tree.is_descendant(node.id, holder_id):
        raise Invalid(_("%(key)s is not a committee below the one holding the case."), key=target_key)
    return node


@dataclass(frozen=True)
class Placed:
    """A committee with the rank of its level (0 is the top)."""

    id: int
    key: str
    rank: int


def topic_start(chain: Sequence[Placed], topic_rank: int | None, direct: bool) -> Placed:
    """Return where a case on a topic starts, given the workplace committee and its ancestors.

    `chain` is the workplace committee first, then the committees above it, nearest first.
    The case starts at the workplace unless the topic belongs to a higher level and the
    employee may go there directly; then it starts at the nearest ancestor at (or, where the
    organisation has no committee at that level, just above) the responsible level.
    """
    workplace = chain[0]
    if not direct or topic_rank is None or topic_rank >= workplace.rank:
        return workplace
    for node in chain[1:]:
        if node.rank <= topic_rank:
            return node
    return chain[-1]
