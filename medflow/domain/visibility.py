"""Who sees a case, and how much: the one visibility rule, as data.

The rule is a list of grants. Each says how a person relates to a case (they submitted it, they
are an administrator, they hold a role in the committee that holds it now, or in any committee
that has held it), for which cases it counts (confidential or not) and what it lets them see:
the whole case (`FULL`), only that it exists and where it is (`REDACTED`: number, state,
holder, dates), or nothing of it but a count in the report figures (`COUNTED`: a member of a
committee that held a confidential case finds it among the committee's numbers in /reports, never
in a list). A person's level is the highest any grant gives them. The services turn the same
grants into SQL (lists, counts, notification and reminder recipients) and into the per-case check,
so a change to who sees what is a change here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from medflow.domain.definitions import COMMITTEE_ROLES


class Level(IntEnum):
    """How much of a case someone sees."""

    NONE = 0
    COUNTED = 1  # nothing of the case itself: it only counts in the report figures (never listed)
    REDACTED = 2  # that it exists: number, type, state, holder, path and dates
    FULL = 3  # everything, and they may act on it as their roles allow

    @property
    def shows_case(self) -> bool:
        """Tell whether this level shows the case itself (in a list, a page or a notification)."""
        return self >= Level.REDACTED


# How a person relates to a case.
SUBMITTER = "submitter"  # they submitted it
ADMIN = "admin"  # they are an administrator
HOLDER = "holder"  # a role in the committee that holds it now
HELD = "held"  # a role in any committee that has held it (the holder included)

ANY_ROLE = frozenset(COMMITTEE_ROLES)
OFFICERS = frozenset({"chair", "vice_chair"})  # who reads a confidential case where it is now


@dataclass(frozen=True)
class Grant:
    """One way to see a case: a relation, which roles count in it, which cases, and how much."""

    via: str
    confidential: bool
    level: Level
    roles: frozenset[str] = ANY_ROLE  # for HOLDER and HELD only


RULE: tuple[Grant, ...] = (
    # An ordinary case: its submitter, administrators and every member of a committee that held it.
    Grant(SUBMITTER, False, Level.FULL),
    Grant(ADMIN, False, Level.FULL),
    Grant(HELD, False, Level.FULL),
    # A confidential case: the submitter and the chair and vice chair where it is now read it;
    # the chair and vice chair of a committee that held it earlier, and administrators, see that
    # it exists, where it went and how it ended.
    Grant(SUBMITTER, True, Level.FULL),
    Grant(HOLDER, True, Level.FULL, OFFICERS),
    Grant(HELD, True, Level.REDACTED, OFFICERS),
    Grant(ADMIN, True, Level.REDACTED),
    # Every member of a committee that held a confidential case counts it in the committee's report
    # figures, without seeing it: counted, never listed.
    Grant(HELD, True, Level.COUNTED),
)


@dataclass(frozen=True)
class Viewer:
    """What the rule needs to know about one person and one case."""

    is_admin: bool = False
    is_submitter: bool = False
    roles_in_holder: frozenset[str] = frozenset()
    roles_in_held: frozenset[str] = frozenset()  # in every committee that has held it, holder included


def grants(confidential: bool, at_least: Level = Level.REDACTED) -> tuple[Grant, ...]:
    """Return the grants that give at least `at_least` on a case of this kind."""
    return tuple(g for g in RULE if g.confidential == confidential and g.level >= at_least)


def _applies(grant: Grant, viewer: Viewer) -> bool:
    """Tell whether the viewer has the relation the grant asks for."""
    if grant.via == SUBMITTER:
        return viewer.is_submitter
    if grant.via == ADMIN:
        return viewer.is_admin
    roles = viewer.roles_in_holder if grant.via == HOLDER else viewer.roles_in_held
    return not grant.roles.isdisjoint(roles)


def level_of(viewer: Viewer, confidential: bool) -> Level:
    """Return how much of a case (confidential or not) the viewer sees (`COUNTED`: only in report figures)."""
    return max((g.level for g in grants(confidential, Level.COUNTED) if _applies(g, viewer)),
               default=Level.NONE)


def seeing_roles(confidential: bool, *, holds_now: bool, at_least: Level = Level.REDACTED) -> frozenset[str]:
    """Return the roles in a committee that has held a case (and holds it now, or not) that see it."""
    vias = {HELD, HOLDER} if holds_now else {HELD}
    found: set[str] = set()
    for grant in grants(confidential, at_least):
        if grant.via in vias:
            found |= grant.roles
    return frozenset(found)


def viewer_from_rows(rows: Iterable[tuple[int, str]], holder_id: int, *, is_admin: bool,
                     is_submitter: bool) -> Viewer:
    """Return the viewer from (committee id, role) pairs of the committees that held a case."""
    pairs = list(rows)
    return Viewer(is_admin=is_admin, is_submitter=is_submitter,
                  roles_in_holder=frozenset(r for c, r in pairs if c == holder_id),
                  roles_in_held=frozenset(r for _c, r in pairs))
