"""Named guards a workflow may put on an event; YAML names them, never code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from medflow.domain.definitions import Label
from medflow.domain.errors import _


@dataclass(frozen=True)
class FireContext:
    """What the guards need to know about a case and its place in the tree."""

    now: datetime
    has_parent: bool = True
    can_refer: bool = True
    closed_at: datetime | None = None
    reopen_days: int = 30
    above_workplace: bool = False  # the holder sits above the committee of the case's workplace
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
    # What a level may do with a case (a workflow names these on an event, e.g. `assess`).
    "at_workplace": Guard(
        lambda ctx: not ctx.above_workplace,
        _("Only the workplace's own committee assesses the risk and makes the action plan; "
          "refer the case down for that."),
    ),
    "above_workplace": Guard(
        lambda ctx: ctx.above_workplace,
        _("At the workplace's own committee the case is closed after a risk assessment."),
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


# Guards that say at which level of the tree an event may be fired; the diagrams name them on the arrow.
LEVEL_GUARDS = {"at_workplace": Label("på arbejdspladsen", "at the workplace"),
                "above_workplace": Label("over arbejdspladsen", "above the workplace")}
CONTRADICTIONS = (frozenset(LEVEL_GUARDS),)  # guards that can never hold together


def failing_guard(names: tuple[str, ...], ctx: FireContext) -> Guard | None:
    """Return the first guard among `names` that does not hold, or None."""
    for name in names:
        guard = GUARDS[name]
        if not guard.check(ctx):
            return guard
    return None
