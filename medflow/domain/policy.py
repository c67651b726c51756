"""Who may fire what: pure predicates over role names."""

from __future__ import annotations

from collections.abc import Iterable

from medflow.domain.definitions import TransitionDef

CONFIDENTIAL_ROLES = frozenset({"chair", "vice_chair"})


def may_fire(transition: TransitionDef, roles: Iterable[str]) -> bool:
    """Tell whether someone holding `roles` may fire `transition`."""
    return not set(transition.roles).isdisjoint(roles)


def may_see(
    *, is_admin: bool, is_submitter: bool, confidential: bool, roles_in_holders: Iterable[str]
) -> bool:
    """Tell whether a person may see a case, given their roles in committees that held it."""
    if is_admin or is_submitter:
        return True
    roles = set(roles_in_holders)
    if confidential:
        return not roles.isdisjoint(CONFIDENTIAL_ROLES)
    return bool(roles)
