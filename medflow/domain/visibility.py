"""Who sees a case, and how much: the one visibility rule, as data.

The rule is a list of grants. Each says how a person relates to a case (they submitted it, they
are an administrator, they hold a role in the committee that holds it now, or in any committee
that has held it), for which cases it counts (confidential or not) and what it lets them see:
the whole case (`FULL`), only that it exists and where it is (`REDACTED`: number, state,
holder, dates), or nothing of it but a count in the report figures (`COUNTED`: a member of a
committee that held a confidential case finds it among the committee's numbers in /reports, never
in a list). One grant is for the guideline register only (`PUBLISHED`): an ordinary case closed as a
guideline that is in force is read there (title, committee, decision date and answer) by everyone
who works under the committee that decided it, and by nobody as a case. A person's level is the
highest any grant gives them. The services turn the same
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
    PUBLISHED = 2  # a guideline in force, in the register only: title, committee, decision date, answer
    REDACTED = 3  # that it exists: number, type, state, holder, path and dates
    FULL = 4  # everything, and they may act on it as their roles allow

    @property
    def shows_case(self) -> bool:
        """Tell whether this level shows the case itself (in a list, a page or a notification)."""
        return self >= Level.REDACTED

    @property
    def reads_published(self) -> bool:
        """Tell whether this level reads a guideline's entry in the register (title, date, answer).

        Not REDACTED: it is for confidential cases, which are never published, and shows no words.
        """
        return self in READS_PUBLISHED

    @property
    def counts(self) -> bool:
        """Tell whether this level counts the case in the report figures.

        Not PUBLISHED: the figures are of the cases the reader's committees handled, and a
        guideline published to a workplace was not handled there.
        """
        return self in COUNTS


READS_PUBLISHED = frozenset({Level.PUBLISHED, Level.FULL})
COUNTS = frozenset({Level.COUNTED, Level.REDACTED, Level.FULL})


# How a person relates to a case.
SUBMITTER = "submitter"  # they submitted it
ADMIN = "admin"  # they are an administrator
HOLDER = "holder"  # a role in the committee that holds it now
HELD = "held"  # a role in any committee that has held it (the holder included)
# The case is a guideline in force (closed with that outcome, not replaced or withdrawn) and the
# person's workplace is the committee that decided it (holds it) or one below it.
WORKPLACE = "workplace"

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
    # A guideline in force (an ordinary case only) is for everyone it governs: every employee whose
    # workplace is the deciding committee or below it reads its entry in the register.
    Grant(WORKPLACE, False, Level.PUBLISHED),
)


@dataclass(frozen=True)
class Viewer:
    """What the rule needs to know about one person and one case."""

    is_admin: bool = False
    is_submitter: bool = False
    roles_in_holder: frozenset[str] = frozenset()
    roles_in_held: frozenset[str] = frozenset()  # in every committee that has held it, holder included
    governed_by: bool = False  # a guideline in force of their workplace's committee or one above it


def grants(confidential: bool, at_least: Level = Level.REDACTED) -> tuple[Grant, ...]:
    """Return the grants that give at least `at_least` on a case of this kind."""
    return tuple(g for g in RULE if g.confidential == confidential and g.level >= at_least)


def bands(confidential: bool, levels: frozenset[Level]) -> list[tuple[Level, Level]]:
    """Return the runs (lowest, highest) of levels a case of this kind is seen at when it is in `levels`.

    Levels no grant gives on this kind join the runs beside them, so `levels` that differ only in
    those give the same runs (and the same SQL): e.g. every level from `COUNTED` up is one run for
    a confidential case, which no grant publishes. A person is in a run when a grant in it applies
    and none above it does (their level is the highest).
    """
    given = {g.level for g in RULE if g.confidential == confidential}
    wanted = [lv for lv in Level if lv is not Level.NONE and (lv in levels or lv not in given)]
    runs: list[list[Level]] = []
    for lv in wanted:
        if runs and runs[-1][-1] + 1 == lv:
            runs[-1].append(lv)
        else:
            runs.append([lv])
    return [(run[0], run[-1]) for run in runs if given.intersection(run)]


def _applies(grant: Grant, viewer: Viewer) -> bool:
    """Tell whether the viewer has the relation the grant asks for."""
    if grant.via == SUBMITTER:
        return viewer.is_submitter
    if grant.via == ADMIN:
        return viewer.is_admin
    if grant.via == WORKPLACE:
        return viewer.governed_by
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
