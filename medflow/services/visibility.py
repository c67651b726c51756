"""The visibility rule (`domain.visibility.RULE`) made into SQL and into the per-case check.

Everything that decides who sees a case goes through here: the case page and JSON, the lists
and inboxes, the navigation's counts, notification recipients and the sweep's reminders.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import ColumnElement, and_, bindparam, false, literal, not_, or_, select, true
from sqlalchemy.orm import Session, aliased

from medflow.domain.visibility import (
    ADMIN,
    HOLDER,
    RULE,
    SUBMITTER,
    WORKPLACE,
    Grant,
    Level,
    bands,
    grants,
    level_of,
    seeing_roles,
    viewer_from_rows,
)
from medflow.persistence.models import Case, CaseEvent, Committee, Membership, Person
from medflow.services.guidelines.published import in_force_guideline

# A case with the reader's roles in its holder and in every committee that has held it, so reading a
# case and the reader's standing is one query: one row per role held (one row of NULLs when none is).
_HELD_HERE = or_(Membership.committee_id == Case.holder_id, Membership.committee_id.in_(
    select(CaseEvent.to_committee_id).where(CaseEvent.case_id == Case.id)))
CASE_WITH_ROLES = (select(Case, Membership.committee_id, Membership.role)
                   .outerjoin(Membership, and_(Membership.person_id == bindparam("person"), _HELD_HERE))
                   .where(Case.id == bindparam("case")))


def level_from_rows(person: Person, case: Case, rows: Iterable[tuple[int | None, str | None]]
                    ) -> tuple[Level, set[str]]:
    """Return the level and the roles in the holder from (committee, role) rows (NULL pairs skipped).

    The one place the rows (from `CASE_WITH_ROLES`) become a level, so the rule has one reading.
    The rows say nothing of the reader's workplace, so the `WORKPLACE` grant (`PUBLISHED`, a
    guideline's register entry) is not read here: it never shows a case, and a level that does not
    is all the callers ask about (the register asks `visible_at` instead).
    """
    viewer = viewer_from_rows(((c, r) for c, r in rows if r is not None), case.holder_id,
                              is_admin=person.is_admin, is_submitter=case.submitter_id == person.id)
    return level_of(viewer, case.confidential), set(viewer.roles_in_holder)


def _committees_of(person_id: int, roles: frozenset[str]):
    """Return the ids of the committees where the person has one of `roles`, as a subquery."""
    return select(Membership.committee_id).where(Membership.person_id == person_id,
                                                 Membership.role.in_(sorted(roles)))


def _workplace_and_above(person_id: int):
    """Return the ids of the person's workplace and every committee above it, as a subquery.

    Aliases of its own and no correlation, so a query over committees or people (the register)
    does not turn it into a question about its own rows.
    """
    who, here, up = aliased(Person), aliased(Committee), aliased(Committee)
    start = select(who.workplace_id).where(who.id == person_id).correlate(None).scalar_subquery()
    chain = (select(here.id, here.parent_id).where(here.id == start).correlate(None)
             .cte("above", recursive=True))
    chain = chain.union_all(select(up.id, up.parent_id).where(up.id == chain.c.parent_id).correlate(None))
    return select(chain.c.id).correlate(None)


def _relation(grant: Grant, person_id: int, is_admin: bool) -> ColumnElement[bool] | bool:
    """Return the SQL for 'the person has the grant's relation to the case' (or True/False: always/never)."""
    if grant.via == SUBMITTER:
        return Case.submitter_id == person_id
    if grant.via == ADMIN:
        return is_admin
    if grant.via == WORKPLACE:  # the deciding committee holds a closed case
        return and_(in_force_guideline(), Case.holder_id.in_(_workplace_and_above(person_id)))
    committees = _committees_of(person_id, grant.roles)
    if grant.via == HOLDER:
        return Case.holder_id.in_(committees)
    # OFFSET 0 keeps PostgreSQL from turning the EXISTS into a hash of every case those committees
    # ever held (built in full before the first row, 0.1-0.3 s for a busy committee): it is asked
    # per row, through the history's case_id index, for the few rows a page or a capped count reads
    held_there = (select(CaseEvent.id).where(CaseEvent.case_id == Case.id,
                                             CaseEvent.to_committee_id.in_(committees)).offset(0).exists())
    return or_(Case.holder_id.in_(committees), held_there)


def visible_to(person: Person, at_least: Level = Level.REDACTED) -> ColumnElement[bool]:
    """Return a filter on `Case` rows: the cases `person` sees at least at level `at_least`."""
    return _visible(person.id, person.is_admin, frozenset(lv for lv in Level if lv >= at_least))


def visible_at(person: Person, levels: frozenset[Level]) -> ColumnElement[bool]:
    """Return a filter on `Case` rows: the cases `person` sees at one of `levels` (their highest grant).

    For the questions a plain "at least" does not ask: the register reads `READS_PUBLISHED`
    (not REDACTED), the reports count `COUNTS` (not PUBLISHED).
    """
    return _visible(person.id, person.is_admin, levels)


def _any_applies(chosen: list[Grant], person_id: int, is_admin: bool) -> ColumnElement[bool] | bool:
    """Return the SQL for 'one of these grants applies' (or True/False: always/never)."""
    who = [_relation(g, person_id, is_admin) for g in chosen]
    if any(c is True for c in who):  # e.g. an administrator: every case of this kind
        return True
    who = [c for c in who if c is not False]
    return or_(*who) if who else False


@lru_cache(maxsize=1024)
def _visible(person_id: int, is_admin: bool, levels: frozenset[Level]) -> ColumnElement[bool]:
    """Build the filter once per person (building it costs ten times running it on SQLite).

    Per kind of case, each run of levels (`domain.visibility.bands`) is "a grant in it applies and
    none above it does"; for "at least" there is nothing above, so the filter is as it always was.
    """
    clauses = []
    for confidential in (False, True):
        kind = Case.confidential.is_(confidential)
        rule = [g for g in RULE if g.confidential == confidential]
        for low, high in bands(confidential, levels):
            inside = _any_applies([g for g in rule if low <= g.level <= high], person_id, is_admin)
            above = _any_applies([g for g in rule if g.level > high], person_id, is_admin)
            if inside is False or above is True:
                continue
            parts = [kind] + ([] if inside is True else [inside]) + ([] if above is False else [not_(above)])
            clauses.append(and_(*parts))
    return or_(*clauses) if clauses else false()


def _settled(person: Person, roles: set[str], confidential: bool, *, holds_now: bool = True,
             at_least: Level = Level.REDACTED) -> bool:
    """Tell whether `roles` in a committee that holds (or held) a case of this kind settle that
    `person` sees it at `at_least`, whichever case it is (else the rule must look at the case)."""
    return bool(roles & seeing_roles(confidential, holds_now=holds_now, at_least=at_least)) or (
        person.is_admin and any(g.via == ADMIN for g in grants(confidential, at_least)))


def visible_in_holder(person: Person, roles: set[str], *, holds_now: bool = True) -> ColumnElement[bool]:
    """Return the same filter as `visible_to`, for cases a committee where `person` has `roles` holds.

    Knowing the committee settles most of the rule up front: a member sees every ordinary case it
    holds (or held: `holds_now=False`, as in its "Sendt videre") and an officer every confidential
    one too, so those kinds need no per-case test (an EXISTS over the history for each row was most
    of the cost of counting a busy committee's cases). Only the kinds the roles do not settle keep
    the general filter. Use it only on queries restricted to cases that committee holds (or held).
    """
    clauses, settled = [], 0
    for confidential in (False, True):
        kind = Case.confidential.is_(confidential)
        if _settled(person, roles, confidential, holds_now=holds_now):
            clauses.append(kind)
            settled += 1
        else:
            clauses.append(and_(kind, visible_to(person)))
    return true() if settled == 2 else or_(*clauses)


def full_in_holder(session: Session, person: Person, roles: set[str], cases: Sequence[Case]) -> set[int]:
    """Return which of these cases (or rows with their id and confidentiality), all held by a committee
    where `person` has `roles`, they read in full.

    As in `visible_in_holder`, the roles settle each kind of case they give full sight of there; only
    the others are asked about (one query, none when the roles settle the whole list).
    """
    settled = {kind for kind in (False, True) if _settled(person, roles, kind, at_least=Level.FULL)}
    rest = [c.id for c in cases if c.confidential not in settled]
    return {c.id for c in cases if c.confidential in settled} | fully_visible_ids(session, person, rest)


def fully_visible_ids(session: Session, person: Person, case_ids: Iterable[int | None]) -> set[int]:
    """Return which of these cases `person` may read in full (one query).

    A notification about a meeting or a task has no case: its `None` is skipped, not sorted
    among the ids (that sort was a 500 on every chair's notification page).
    """
    return ids_seen_at_least(session, person, case_ids, Level.FULL)


def ids_seen_at_least(session: Session, person: Person, case_ids: Iterable[int | None],
                      level: Level) -> set[int]:
    """Return which of these cases `person` sees at `level` or more (one query); `Level.REDACTED`:
    the cases whose page opens for them, so a list links only those."""
    ids = sorted({i for i in case_ids if i is not None})
    if not ids:
        return set()
    query = _seen_among(person.id, person.is_admin, level)
    return set(session.connection().execute(query, {"ids": ids}).scalars())  # plain ids: no ORM pass


@lru_cache(maxsize=1024)
def _seen_among(person_id: int, is_admin: bool, level: Level):
    """Build `ids_seen_at_least`'s query once per person and level, the ids bound at each call (every
    list runs it)."""
    levels = frozenset(lv for lv in Level if lv >= level)
    return select(Case.__table__.c.id).where(Case.id.in_(bindparam("ids", expanding=True)),
                                             _visible(person_id, is_admin, levels))


def _role_in(roles: Iterable[str]) -> ColumnElement[bool]:
    """Return `Membership.role IN (...)` with each role its own parameter (an expanding IN is rendered
    again at every execution), or false for none."""
    roles = sorted(roles)
    return Membership.role.in_([literal(r) for r in roles]) if roles else false()


def member_sees(confidential: bool) -> ColumnElement[bool]:
    """Return which members of a committee told about a case of this kind see it: SQL over Membership
    and Committee, the roles written in and only the case's holder a parameter (`holder`), for
    statements built once per kind of case that run at every case event."""
    return or_(_role_in(seeing_roles(confidential, holds_now=False)),
               and_(Committee.id == bindparam("holder"), _role_in(seeing_roles(confidential, holds_now=True))))


def holder_roles_filter(confidential: bool) -> ColumnElement[bool]:
    """Return a filter on `Membership`: the roles in a case's holder that see a case of this kind."""
    return Membership.role.in_(sorted(seeing_roles(confidential, holds_now=True)))
