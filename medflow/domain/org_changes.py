"""What an organisation import would change in the meaning of the stored levels.

A level's rank decides where forward, refer and topics lead, so re-ordering levels, or dropping
or re-assigning levels that cases already use, silently changes the meaning of those cases.
Such an import is refused unless the operator says the changes are intended.
"""

from __future__ import annotations

from dataclasses import dataclass

from medflow.domain.errors import NotPossible, _
from medflow.domain.org import OrgSpec


@dataclass(frozen=True)
class StoredLevel:
    """A level as it is stored, and whether any case was ever held by one of its committees."""

    key: str
    rank: int
    used: bool


class LevelChanges(NotPossible):
    """An import would change the levels; `changes` says how, one line each."""

    def __init__(self, changes: list[str]) -> None:
        super().__init__(_("The import changes the levels: %(changes)s"), changes="; ".join(changes))
        self.changes = changes


def _order(stored: list[StoredLevel], spec: OrgSpec) -> list[str]:
    """Describe a different order of the levels both the database and the file have."""
    in_file = [lv.key for lv in spec.levels]
    old = [lv.key for lv in sorted(stored, key=lambda lv: lv.rank) if lv.key in in_file]
    new = [key for key in in_file if key in old]
    if old == new:
        return []
    return [f"the levels are in another order: stored {' > '.join(old)}, the file has {' > '.join(new)}"]


def _dropped(stored: list[StoredLevel], spec: OrgSpec) -> list[str]:
    """Describe levels that cases use but the file no longer lists."""
    in_file = {lv.key for lv in spec.levels}
    return [f"level {lv.key!r} is used by cases but is not in the file's levels"
            for lv in sorted(stored, key=lambda lv: lv.rank) if lv.used and lv.key not in in_file]


def _moved(committee_levels: dict[str, str], used_committees: set[str], spec: OrgSpec) -> list[str]:
    """Describe committees with cases that the file puts on another level."""
    return [f"committee {c.key!r} has cases and moves from level {committee_levels[c.key]!r} to {c.level!r}"
            for c in spec.committees
            if c.key in used_committees and committee_levels.get(c.key, c.level) != c.level]


def level_changes(stored: list[StoredLevel], committee_levels: dict[str, str], used_committees: set[str],
                  spec: OrgSpec) -> list[str]:
    """Return every change `spec` makes to the meaning of the stored levels (empty: none)."""
    return _order(stored, spec) + _dropped(stored, spec) + _moved(committee_levels, used_committees, spec)
