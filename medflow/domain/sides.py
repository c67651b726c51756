"""The two sides of a MED committee: management (ledelsen) and the employees (medarbejderne).

A membership records its side, so "every leader" is a real choice when a theme day invites by
role. When nobody says, the side follows from the role: the chair is management's (the leader of
the area), everyone else sits for the employees until an administrator says otherwise.
"""

from __future__ import annotations

MANAGEMENT, EMPLOYEE = "management", "employee"
SIDES = (MANAGEMENT, EMPLOYEE)
MANAGEMENT_ROLES = frozenset({"chair"})


def side_for_role(role: str | None) -> str:
    """Return the side a membership in `role` sits on unless it is told otherwise."""
    return MANAGEMENT if role in MANAGEMENT_ROLES else EMPLOYEE
