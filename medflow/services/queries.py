"""Read-only queries: the committee tree, inboxes and a person's own cases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import Session, selectinload

from medflow.domain import inbox as group
from medflow.domain.errors import NotAllowed, Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case, Committee, Level, Membership, Person
from medflow.services.access import roles_in
from medflow.services.paging import Cursor, KeysetPage, count_upto, cursor_before, newest_first
from medflow.services.tree import load_tree
from medflow.services.visibility import visible_in_holder

# Inbox groups, in the order an inbox shows them.
NEW, HANDLING, AGENDA, CLOSED = "new", "handling", "agenda", "closed"
GROUPS = (NEW, HANDLING, AGENDA, CLOSED)
RECENTLY_CLOSED_DAYS = 30
CASCADE_WORKFLOW = "cascade"
MAX_PAGE = 1_000_000  # a page number the databases can still offset by
TOTAL_CAP = 1000  # the API's `total` is exact up to here; above it, `total_capped` says "at least"
LOOKAHEAD = 100  # the inbox page counts this far past the page it shows ("page 2 of 6 or more")


@dataclass(frozen=True)
class Page:
    """One page of a list and the total across all pages."""

    items: list
    total: int
    next_after: Cursor | None = None  # where the next page starts (keyset lists only)
    capped: bool = False  # counting stopped: there are more than `total`


def all_committees(session: Session) -> list[Committee]:
    """Return every committee, top level first, then by name."""
    return list(session.scalars(
        select(Committee).join(Level).options(selectinload(Committee.level))
        .where(Committee.closed_at.is_(None))
        .order_by(Level.rank, Committee.name)
    ))


def committee_roles(session: Session, person: Person, committee: Committee) -> set[str]:
    """Return the roles `person` holds in `committee`."""
    return roles_in(session, person, {committee.id})


def may_read_inbox(session: Session, person: Person, committee: Committee) -> bool:
    """Tell whether `person` may list the cases `committee` holds."""
    return person.is_admin or bool(committee_roles(session, person, committee))


def readable_inbox(session: Session, person: Person, key: str) -> Committee:
    """Return the committee `key` if `person` may list its cases; raise Unknown or NotAllowed."""
    committee = session.scalar(select(Committee).where(Committee.key == key))
    if committee is None:
        raise Unknown(_("Unknown committee %(key)s."), key=key)
    if not may_read_inbox(session, person, committee):
        raise NotAllowed(_("Only members of %(name)s can list its cases."), name=committee.name)
    return committee


def _inbox_query(session: Session, person: Person, committee: Committee) -> Select:
    """Return the cases `committee` holds that `person` sees (in full or redacted: the one rule).

    The person's roles there (read once per session) settle the rule, so a member's list needs no
    per-case test (`visible_in_holder`).
    """
    roles = committee_roles(session, person, committee)
    return select(Case).where(Case.holder_id == committee.id, visible_in_holder(person, roles))


# What a list of a committee's cases shows of each (the API's summaries), read as plain rows: building
# a page of mapped cases was most of the list's cost.
LISTED = (Case.id, Case.workflow, Case.title, Case.state, Case.confidential, Case.version, Case.created_at,
          Case.updated_at, Case.closed_at, Case.state_due_at, Case.data)


def committee_cases(
    session: Session, person: Person, committee: Committee, *, state: str | None, page: int,
    size: int, workflow: str | None = None, after: Cursor | None = None,
) -> Page:
    """Return a page of the cases `committee` holds (rows of `LISTED`), newest first (`after` a cursor,
    else page `page`)."""
    query = _inbox_query(session, person, committee)
    if state:
        query = query.where(Case.state == state)
    if workflow:
        query = query.where(Case.workflow == workflow)
    counted = count_upto(session, query.with_only_columns(Case.id), TOTAL_CAP + 1)
    if after is None and page > 1:  # `page` still works: its offset is taken in the index, then a seek
        after = cursor_before(session, query, Case.created_at, Case.id, (page - 1) * size)
        if after is None:
            return Page([], min(counted, TOTAL_CAP), None, counted > TOTAL_CAP)
    found = newest_first(session, query.with_only_columns(*LISTED), Case.created_at, Case.id, after, size,
                         plain=True)
    return Page(found.items, min(counted, TOTAL_CAP), found.next_after, counted > TOTAL_CAP)


def my_cases(session: Session, person: Person, *, after: Cursor | None = None, size: int = 25) -> KeysetPage:
    """Return a page of the cases `person` submitted, most recently changed first.

    A published cascade opens one case per receiving committee in the publisher's name; those are
    followed on the cascade's roll-up (`cascade_views.published_by`), not listed here one per committee.
    """
    query = (select(Case).where(Case.submitter_id == person.id, Case.workflow != CASCADE_WORKFLOW)
             .options(selectinload(Case.holder)))
    return newest_first(session, query, Case.updated_at, Case.id, after, size)


@dataclass(frozen=True)
class InboxFilter:
    """What an inbox page asks for; `initial_states` maps each workflow to its first state."""

    initial_states: dict[str, str]
    state: str | None = None
    group: str | None = None  # one of GROUPS: what a reader means (new, being handled, ...)
    workflow: str | None = None
    page: int = 1
    size: int = 25


def _inbox_groups(query: Select, since: datetime | None) -> dict[int, Select]:
    """Return, per inbox group, the query of its cases in the order the inbox shows them.

    Each one reads the group straight from `ix_cases_holder_inbox` (closed ones through
    `ix_cases_holder_closed`): a page costs what it shows, not how many cases the committee held.
    """
    newest = (Case.updated_at.desc(), Case.id.desc())
    # naming the (NULL) meeting date in the order lets PostgreSQL, which does not count IS NULL as an
    # equality, read the index backwards in order and stop after the page instead of sorting the group
    undated = (Case.meeting_date.desc().nulls_first(), *newest)
    closed = query.where(Case.inbox_group == group.CLOSED)
    return {
        group.NEW: query.where(Case.inbox_group == group.NEW, Case.meeting_date.is_(None)).order_by(*undated),
        group.HANDLING: query.where(Case.inbox_group == group.HANDLING, Case.meeting_date.is_(None))
        .order_by(*undated),
        group.AGENDA: query.where(Case.inbox_group == group.AGENDA).order_by(Case.meeting_date, *newest),
        group.CLOSED: (closed if since is None else closed.where(Case.closed_at >= since)).order_by(*newest),
    }


def inbox(
    session: Session, person: Person, committee: Committee, wanted: InboxFilter, now: datetime | None = None
) -> Page:
    """Return a page of (group, case) pairs: new, being handled, on the agenda, recently closed."""
    query = _inbox_query(session, person, committee)
    if wanted.state:
        query = query.where(Case.state == wanted.state)
    if wanted.workflow:
        query = query.where(Case.workflow == wanted.workflow)
    # asking for a state, or for the closed group, shows every closed case, not only the recent ones
    recent_only = not wanted.state and wanted.group != CLOSED
    since = (now or utcnow()) - timedelta(days=RECENTLY_CLOSED_DAYS) if recent_only else None
    groups = _inbox_groups(query, since)
    if wanted.group in GROUPS:  # the "Show" filter: one group, in a reader's words
        groups = {key: found for key, found in groups.items() if GROUPS[key] == wanted.group}
    skip = (wanted.page - 1) * wanted.size
    reach = skip + wanted.size + LOOKAHEAD  # counted no further: the page and a few pages after it
    sizes = _group_sizes(session, groups, reach + 1)
    items, room = [], wanted.size
    for key, group_query in groups.items():  # only the groups the page overlaps are read
        count = sizes.get(key, 0)
        if skip >= count:
            skip -= count
            continue
        rows = session.scalars(group_query.options(selectinload(Case.submitter)).offset(skip).limit(room))
        items += [(GROUPS[key], c) for c in rows]
        skip, room = 0, wanted.size - len(items)
        if room <= 0:
            break
    total = sum(sizes.values())
    return Page(items, min(total, reach), capped=total > reach)


def _group_sizes(session: Session, groups: dict[int, Select], cap: int) -> dict[int, int]:
    """Return how many cases each group has, each counted no further than `cap` (one statement).

    The groups come in a fixed order, so counts capped at the reach of the page still say exactly
    which group the page starts in and where: reading it costs the page's depth, not the history.
    """
    capped = [q.with_only_columns(Case.inbox_group).order_by(None).limit(cap).subquery()
              for q in groups.values()]
    counted = union_all(*(select(c.c.inbox_group) for c in capped)).subquery()
    per_group = select(counted.c.inbox_group, func.count()).group_by(counted.c.inbox_group)
    return {key: n for key, n in session.execute(per_group)}


def my_committees(session: Session, person: Person) -> list[Committee]:
    """Return the committees `person` sits on, top level first."""
    return list(session.scalars(
        select(Committee).join(Level)
        .where(Committee.id.in_(select(Membership.committee_id).where(Membership.person_id == person.id)))
        .order_by(Level.rank, Committee.name)
    ))


def open_counts(session: Session, person: Person, committees: Iterable[Committee],
                cap: int | None = None) -> dict[str, int]:
    """Return, per committee key, how many open cases `person` sees in its inbox (at most `cap`).

    With a cap the count stops there (the navigation shows "99+"), so it never scans every case. The
    person's roles in all of them are read in one statement and settle the visibility rule, as in
    the inbox: the general filter's "held there" test costs PostgreSQL a hash of every case a
    committee ever held (0.2-0.3 s for a busy one), whatever the cap.
    """
    committees = list(committees)
    roles: dict[int, set[str]] = {c.id: set() for c in committees}
    for committee_id, role in session.execute(select(Membership.committee_id, Membership.role).where(
            Membership.person_id == person.id, Membership.committee_id.in_(list(roles)))):
        roles[committee_id].add(role)
    counts = {}
    for committee in committees:
        query = select(Case).where(Case.holder_id == committee.id, Case.closed_at.is_(None),
                                   visible_in_holder(person, roles[committee.id]))
        if cap is not None:
            query = query.with_only_columns(Case.id).limit(cap)
        counts[committee.key] = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    return counts


def committees_below(session: Session, committee: Committee) -> list[Committee]:
    """Return every committee below `committee` (a refer may go to any of them), by name."""
    tree = load_tree(session)
    ids = [n for n in tree.nodes if tree.is_descendant(n, committee.id)]
    if not ids:
        return []
    return list(session.scalars(select(Committee).where(Committee.id.in_(ids)).order_by(Committee.name)))


def org_chart(session: Session) -> list[Committee]:
    """Return every committee with its members loaded, top level first."""
    return list(session.scalars(
        select(Committee).join(Level)
        .options(selectinload(Committee.level), selectinload(Committee.memberships)
                 .selectinload(Membership.person))
        .where(Committee.closed_at.is_(None))
        .order_by(Level.rank, Committee.name)
    ))
