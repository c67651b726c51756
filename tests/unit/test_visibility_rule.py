"""The visibility rule on its own: each relation to a case, confidential or not, gives this level."""

from __future__ import annotations

import pytest

from medflow.domain.policy import may_see
from medflow.domain.visibility import (
    COUNTS,
    READS_PUBLISHED,
    RULE,
    Level,
    Viewer,
    bands,
    level_of,
    seeing_roles,
)

NONE, COUNTED, PUBLISHED, REDACTED, FULL = (
    Level.NONE, Level.COUNTED, Level.PUBLISHED, Level.REDACTED, Level.FULL)
CHAIR, VICE = frozenset({"chair"}), frozenset({"vice_chair"})
MEMBER, AMR = frozenset({"member"}), frozenset({"amr"})


@pytest.mark.parametrize(("viewer", "ordinary", "confidential"), [
    (Viewer(), NONE, NONE),
    (Viewer(is_submitter=True), FULL, FULL),
    (Viewer(is_admin=True), FULL, REDACTED),
    (Viewer(roles_in_holder=CHAIR, roles_in_held=CHAIR), FULL, FULL),
    (Viewer(roles_in_holder=VICE, roles_in_held=VICE), FULL, FULL),
    (Viewer(roles_in_holder=MEMBER, roles_in_held=MEMBER), FULL, COUNTED),  # counted in reports, never listed
    (Viewer(roles_in_holder=AMR, roles_in_held=AMR), FULL, COUNTED),
    (Viewer(roles_in_held=CHAIR), FULL, REDACTED),  # chaired a committee that held it earlier
    (Viewer(roles_in_held=MEMBER), FULL, COUNTED),
    (Viewer(is_admin=True, roles_in_holder=CHAIR, roles_in_held=CHAIR), FULL, FULL),
    (Viewer(roles_in_holder=MEMBER, roles_in_held=MEMBER | CHAIR), FULL, REDACTED),
    # works under the committee that decided a guideline in force: its register entry, never the case
    (Viewer(governed_by=True), PUBLISHED, NONE),
    (Viewer(governed_by=True, roles_in_held=MEMBER), FULL, COUNTED),
    (Viewer(governed_by=True, is_admin=True), FULL, REDACTED),
])
def test_each_relation_gives_this_level(viewer, ordinary, confidential):
    assert (level_of(viewer, False), level_of(viewer, True)) == (ordinary, confidential)


def test_the_members_told_about_a_confidential_case_are_its_chairs_and_vice_chairs():
    assert seeing_roles(True, holds_now=True) == {"chair", "vice_chair"}
    assert seeing_roles(True, holds_now=False) == {"chair", "vice_chair"}
    assert seeing_roles(True, holds_now=False, at_least=FULL) == frozenset()
    assert seeing_roles(False, holds_now=False) == {"chair", "vice_chair", "secretary", "member", "amr", "tr"}


def test_may_see_is_the_rule_answering_yes_for_full_or_redacted():
    assert may_see(is_admin=True, is_submitter=False, confidential=True, roles_in_holders=())
    assert may_see(is_admin=False, is_submitter=False, confidential=True, roles_in_holders={"chair"})
    assert not may_see(is_admin=False, is_submitter=False, confidential=True, roles_in_holders={"member"})


def test_a_level_shows_the_case_only_from_redacted_up():
    assert [lv.shows_case for lv in Level] == [False, False, False, True, True]
    assert seeing_roles(True, holds_now=False, at_least=COUNTED) == {
        "chair", "vice_chair", "secretary", "member", "amr", "tr"}


def test_the_register_reads_published_and_full_and_the_reports_count_all_but_published():
    assert [lv.reads_published for lv in Level] == [False, False, True, False, True]
    assert [lv.counts for lv in Level] == [False, True, False, True, True]


def test_published_is_only_for_ordinary_cases_and_redacted_only_for_confidential_ones():
    """So the highest grant never hides one of the two in the other (neither shows what the other does)."""
    assert {g.confidential for g in RULE if g.level == PUBLISHED} == {False}
    assert {g.confidential for g in RULE if g.level == REDACTED} == {True}


@pytest.mark.parametrize(("confidential", "levels", "runs"), [
    (False, READS_PUBLISHED, [(COUNTED, FULL)]),  # every grant on an ordinary case reads the register
    (True, READS_PUBLISHED, [(FULL, FULL)]),  # a confidential guideline: only its full readers
    (False, COUNTS, [(REDACTED, FULL)]),  # an ordinary case counts for its full readers only
    (True, COUNTS, [(COUNTED, FULL)]),  # as before: no grant publishes a confidential case
    (True, frozenset({REDACTED, FULL}), [(PUBLISHED, FULL)]),  # "at least redacted" is unchanged
])
def test_bands_join_the_levels_no_grant_gives(confidential, levels, runs):
    assert bands(confidential, levels) == runs
