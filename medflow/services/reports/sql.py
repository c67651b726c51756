"""Two SQL expressions the reports need on both databases: whole days between moments, and the quarter."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Integer, case
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class whole_days(FunctionElement):  # noqa: N801 - an SQL function, named as one
    """The whole days (24 hours each, rounded down) from the first moment to the second.

    SQLite has no interval type and PostgreSQL no julianday(), so each gets its own spelling. SQLite
    rounds to the second first: a difference of exactly three days must not come out as 2.99999.
    """

    type = Integer()
    inherit_cache = True


@compiles(whole_days, "sqlite")
def _whole_days_sqlite(element, compiler, **kw) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST((julianday({end}) - julianday({start})) * 86400 + 0.5 AS INTEGER) / 86400)"


@compiles(whole_days)
def _whole_days_postgresql(element, compiler, **kw) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(floor(extract(epoch from ({end} - {start})) / 86400) AS INTEGER)"


def quarter(column: ColumnElement, bounds: tuple[datetime, ...] | tuple[date, ...]) -> ColumnElement[int]:
    """Return the quarter (1-4) of a moment or date already known to lie within `bounds[0]`..`bounds[4]`."""
    return case((column < bounds[1], 1), (column < bounds[2], 2), (column < bounds[3], 3), else_=4)


def within(column: ColumnElement, bounds: tuple[datetime, ...] | tuple[date, ...]) -> ColumnElement[bool]:
    """Return the filter 'in the year the bounds span' (the first bound included, the last not)."""
    return (column >= bounds[0]) & (column < bounds[4])
