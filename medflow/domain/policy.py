"""Who may fire what: pure predicates over role names."""

from __future__ import annotations

from collections.abc import Iterable

from medflow.domain.definitions import SUBMITTER, TransitionDef
from medflow.domain.errors import _
from medflow.domain.visibility import OFFICERS, Viewer, level_of

CONFIDENTIAL_ROLES = OFFICERS  # who reads a confidential case where it is now
NO_ROLE = _("You may not %(event)s this case.")
OWN_CASE = _("You submitted this case, so you may not %(event)s it: someone else in the committee "
             "must handle it.")


def handles_own_case(transition: TransitionDef, roles: Iterable[str]) -> bool:
    """Tell whether `transition` is a handling event fired by the case's own submitter.

    Nobody decides their own case: whoever submitted it (their roles then include `submitter`)
    keeps the submitter's events (withdraw, reopen ...) but not the committee's, even as chair.
    """
    return SUBMITTER in roles and SUBMITTER not in transition.roles


def may_fire(transition: TransitionDef, roles: Iterable[str]) -> bool:
    """Tell whether someone holding `roles` may fire `transition` (never a handling event on their own case)."""
    roles = frozenset(roles)
    return not set(transition.roles).isdisjoint(roles) and not handles_own_case(transition, roles)


def refusal(transition: TransitionDef, roles: Iterable[str]) -> str:
    """Return why `roles` may not fire `transition`: it is their own case, or they have no role for it."""
    roles = frozenset(roles)
    if handles_own_case(transition, roles) and not set(transition.roles).isdisjoint(roles):
        return OWN_CASE
    return NO_ROLE


def may_see(
    *, is_admin: bool, is_submitter: bool, confidential: bool, roles_in_holders: Iterable[str],
    roles_in_holder: Iterable[str] = (),
) -> bool:
    """Tell whether a person sees a case at all (in full or redacted); the rule is `visibility.RULE`."""
    viewer = Viewer(is_admin=is_admin, is_submitter=is_submitter, roles_in_holder=frozenset(roles_in_holder),
                    roles_in_held=frozenset(roles_in_holders) | frozenset(roles_in_holder))
    return level_of(viewer, confidential).shows_case
