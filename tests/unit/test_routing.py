"""Where forward and refer lead, on a small in-memory organisation."""

from __future__ import annotations

import pytest

from medflow.domain.errors import Invalid, NotPossible
from medflow.domain.routing import Node, Tree, forward_target, refer_target

# KommuneMED (1) → OmrådeMED Børn (2) → LokalMED Skole (4), Dagtilbud (5); OmrådeMED Ældre (3) → Pleje (6)
TREE = Tree({n.id: n for n in (
    Node(1, "kommunemed", None), Node(2, "omr-born", 1), Node(3, "omr-aeldre", 1),
    Node(4, "lok-skole", 2), Node(5, "lok-dagtilbud", 2), Node(6, "lok-pleje", 3),
)})


def test_forward_goes_to_the_committee_above():
    assert forward_target(TREE, 4).key == "omr-born"
    assert forward_target(TREE, 2).key == "kommunemed"


def test_forward_from_the_top_is_not_possible():
    with pytest.raises(NotPossible, match="already at the top"):
        forward_target(TREE, 1)


def test_refer_goes_to_any_committee_below_by_key():
    assert refer_target(TREE, 1, "lok-pleje", came_from=None).key == "lok-pleje"
    assert refer_target(TREE, 2, "lok-dagtilbud", came_from=4).key == "lok-dagtilbud"


def test_refer_without_a_target_goes_back_where_it_came_from():
    assert refer_target(TREE, 2, None, came_from=4).key == "lok-skole"


@pytest.mark.parametrize(("holder", "target", "came_from", "message"), [
    (2, "lok-pleje", None, "not a committee below"),
    (2, "kommunemed", None, "not a committee below"),
    (2, "omr-born", None, "not a committee below"),
    (2, "lok-ukendt", None, "Unknown committee lok-ukendt"),
    (2, None, None, "Choose the committee below"),
    (2, None, 6, "Choose the committee below"),  # it came from outside this branch
])
def test_refer_refuses_a_target_outside_the_branch_below(holder, target, came_from, message):
    with pytest.raises(Invalid, match=message):
        refer_target(TREE, holder, target, came_from)


def test_the_tree_knows_ancestors_descendants_and_leaves():
    assert [n.key for n in TREE.ancestors(4)] == ["omr-born", "kommunemed"]
    assert TREE.is_descendant(6, 1) and not TREE.is_descendant(6, 2)
    assert TREE.has_children(2) and not TREE.has_children(5)
