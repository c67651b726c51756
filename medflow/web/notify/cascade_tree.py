"""The publish form's committee picker: a tree where ticking a committee takes every one under it."""

from __future__ import annotations

from dataclasses import dataclass, field

from medflow.persistence.models import Committee


@dataclass
class Branch:
    """A committee in the picker's tree, with the committees under it."""

    committee: Committee
    children: list[Branch] = field(default_factory=list)


def branch_tree(mine: list[Committee], below: list[Committee]) -> list[Branch]:
    """Return one tree per committee I may publish from, its branches nested under it.

    The form posts the same `branches` keys as before; ticking a committee means it and every
    committee under it, so the tree shows that instead of a multi-select that needs ctrl-click.
    """
    nodes = {c.id: Branch(c) for c in [*mine, *below]}
    for c in below:
        if c.parent_id in nodes:
            nodes[c.parent_id].children.append(nodes[c.id])
    return [nodes[c.id] for c in mine]
