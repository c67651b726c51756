"""Who may fire what: pure predicates over role names."""

from __future__ import annotations

from collections.abc import Iterable

from medflow.domain.definitions import TransitionDef
from medflow.domain.visibility import OFFICERS, Level, Viewer, level_of

CONFIDENTIAL_ROLES = OFFICERS  # who reads a confidential case where it is now


def may_fire(transition: TransitionDef, roles: Iterable[str]) -> bool:
    """Tell whether someone holding `roles` may fire `transition`."""
    return not set(transition.roles).isdisjoint(roles)


def may_see(
    *, is_admin: bool, is_submitter: bool, confidential: bool, roles_in_holders: Iterable[str],
    roles_in_holder: Iterable[str] = (),
) -> bool:
    """Tell whether a person sees a case at all (in full or redacted); the rule is `visibility.RULE`."""
    viewer = Viewer(is_admin=is_admin, is_submitter=is_submitter, roles_in_holder=frozenset(roles_in_holder),
                    roles_in_held=frozenset(roles_in_holders) | frozenset(roles_in_holder))
    return level_of(viewer, confidential) > Level.NONE
