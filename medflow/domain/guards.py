"""Named guards a workflow may put on an event; YAML names them, never code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from medflow.domain.errors import _


@dataclass(frozen=True)
class FireContext:
    """What the guards need to know about a case and its place in the tree."""

    now: datetime
    has_parent: bool = True
    can_refer: bool = True
    closed_at: datetime | None = None
    reopen_days: int = 30
    on_agenda: bool = False  # has a meeting date: a case on an agenda can be taken off it


@dataclass(frozen=True)
class Guard:
    """A predicate on the context and the message shown when it fails."""

    check: Callable[[FireContext], bool]
    message: str


def _within_reopen_window(ctx: FireContext) -> bool:
    if ctx.closed_at is None:
        return False
    return (ctx.now - ctx.closed_at).total_seconds() <= ctx.reopen_days * 86400


GUARDS: dict[str, Guard] = {
    "has_parent": Guard(
        lambda ctx: ctx.has_parent,
        _("The case is already at the top committee and cannot be forwarded further."),
    ),
    "can_refer": Guard(
        lambda ctx: ctx.can_refer,
        _("There is no committee below this one to refer the case to."),
    ),
    "on_agenda": Guard(
        lambda ctx: ctx.on_agenda,
        _("The case is not on the agenda of a meeting."),
    ),
    "within_reopen_window": Guard(
        _within_reopen_window,
        _("The case can only be reopened within %(days)s days after it was closed."),
    ),
}


def failing_guard(names: tuple[str, ...], ctx: FireContext) -> Guard | None:
    """Return the first guard among `names` that does not hold, or None."""
    for name in names:
        guard = GUARDS[name]
        if not guard.check(ctx):
            return guard
    return None
