"""Keyset pagination: a page of a list ordered by (time, id) newest first, and the cursor to the next.

A page costs the same whatever its depth: the query seeks to the cursor through the list's index
instead of skipping rows with OFFSET. The cursor is the last row's time (UTC) and id:
"2026-12-02T10:15:00.000000Z~42".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from medflow.domain.errors import Invalid, _

MAX_SIZE = 100


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the last row's time and id."""

    at: datetime
    id: int

    def __str__(self) -> str:
        """Return the cursor as clients send it back: URL-safe, UTC with a Z (no "+" to escape)."""
        return f"{self.at.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')}~{self.id}"


@dataclass(frozen=True)
class KeysetPage:
    """One page of a list and the cursor of the next page (None on the last)."""

    items: list
    next_after: Cursor | None


def parse_cursor(raw: str | None, field: str = "after") -> Cursor | None:
    """Return the cursor a client sent back, None when absent; raise Invalid naming the field."""
    if not raw:
        return None
    at, sep, ident = raw.partition("~")
    try:
        if not sep or not (ident.isascii() and ident.isdigit()):
            raise ValueError(raw)
        moment = datetime.fromisoformat(at)
    except ValueError:
        raise Invalid(_("%(field)s must be a cursor from a previous page."), field=field) from None
    if moment.tzinfo is None:
        raise Invalid(_("%(field)s must be a cursor from a previous page."), field=field)
    return Cursor(moment, int(ident))


def newest_first(
    session: Session, query: Select, at: InstrumentedAttribute, ident: InstrumentedAttribute,
    after: Cursor | None, size: int, *, skip: int = 0, plain: bool = False,
) -> KeysetPage:
    """Return the page of `query` after the cursor (or `skip` rows in), by `at` then `ident`, newest first.

    `plain`: the page holds the query's rows (its columns, `at` and `ident` among them), not its first entity.
    """
    size = max(1, min(size, MAX_SIZE))
    if after is not None:
        query = query.where(tuple_(at, ident) < (after.at, after.id))
    ordered = query.order_by(at.desc(), ident.desc()).limit(size + 1).offset(skip or None)
    rows = list(session.execute(ordered) if plain else session.scalars(ordered))
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if more else None
    return KeysetPage(rows, Cursor(getattr(last, at.key), getattr(last, ident.key)) if last else None)


def count_upto(session: Session, query: Select, cap: int) -> int:
    """Return how many rows `query` has, counting no further than `cap`.

    A count that stops at a cap reads at most `cap` index entries, so it costs the same whether the
    committee has held a hundred cases or a hundred thousand; the caller says "over" when it is hit.
    """
    limited = query.order_by(None).limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(limited)) or 0


def cursor_before(
    session: Session, query: Select, at: InstrumentedAttribute, ident: InstrumentedAttribute, skip: int,
) -> Cursor | None:
    """Return the cursor of the row just before the first `skip` rows end (None: not that many rows).

    Page N by number becomes a seek like `after=`: the skipped rows are stepped over reading only
    the list index's (time, id), never the rows themselves.
    """
    found = session.execute(query.with_only_columns(at, ident).order_by(at.desc(), ident.desc())
                            .offset(skip - 1).limit(1)).first()
    return Cursor(found[0], found[1]) if found else None
