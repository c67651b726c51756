"""Who may open the reports, which cases they count, and what a report is narrowed to.

The cases a person counts are the ones the one visibility rule gives them at a level that counts
(`COUNTS`: `COUNTED` or more, but not `PUBLISHED`): every case a committee they sit on has held,
confidential ones included (counted, never listed), and every case for an administrator; not the
guidelines of the committees above their workplace, which they only read in the register.
Nothing here lists a case: the queries only count.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, select, true
from sqlalchemy.orm import Session

from medflow.domain.errors import NotAllowed, Unknown, _
from medflow.domain.visibility import COUNTS
from medflow.persistence.models import Case, Committee, Membership, Person
from medflow.persistence.models import Level as OrgLevel
from medflow.services.visibility import visible_at

CASE_WORKFLOWS_EXCLUDED = ("cascade",)  # a cascade's copies count as cascades, not as cases
NOT_FOR_YOU = _("The reports are for committee members and administrators.")


@dataclass(frozen=True)
class Selection:
    """A report's year and what it is narrowed to (None: everything the reader counts)."""

    person: Person
    year: int
    level: OrgLevel | None = None
    committee: Committee | None = None
    topic: str | None = None

    def cases(self) -> ColumnElement[bool]:
        """Return the filter on `Case`: the ordinary cases (no cascade copies) this reader counts."""
        return Case.workflow.not_in(CASE_WORKFLOWS_EXCLUDED) & visible_at(self.person, COUNTS)

    def topic_filter(self) -> ColumnElement[bool]:
        """Return the filter on `Case.topic` (always true without a topic)."""
        return Case.topic == self.topic if self.topic else true()

    def place(self, committee_id: ColumnElement) -> ColumnElement[bool]:
        """Return the filter 'this committee is in the selection' for a committee id column."""
        if self.committee is not None:
            return committee_id == self.committee.id
        if self.level is not None:
            return committee_id.in_(select(Committee.id).where(Committee.level_id == self.level.id))
        return true()

    def own_committees(self, committee_id: ColumnElement) -> ColumnElement[bool]:
        """Return the filter 'the reader sits on this committee' (always true for an administrator).

        Meetings and cascades are a committee's own business (its meetings pages are for its members).
        """
        if self.person.is_admin:
            return true()
        return committee_id.in_(select(Membership.committee_id).where(Membership.person_id == self.person.id))


def may_open_reports(session: Session, person: Person) -> bool:
    """Tell whether the person sits on a committee or is an administrator."""
    return person.is_admin or bool(session.scalar(select(exists().where(Membership.person_id == person.id))))


def select_report(session: Session, person: Person, year: int, *, level: str | None = None,
                  committee: str | None = None, topic: str | None = None) -> Selection:
    """Return the selection for these keys; raise NotAllowed (not a member) or Unknown (no such key)."""
    if not may_open_reports(session, person):
        raise NotAllowed(NOT_FOR_YOU)
    found_level = found_committee = None
    if level:
        found_level = session.scalar(select(OrgLevel).where(OrgLevel.key == level))
        if found_level is None:
            raise Unknown(_("There is no level %(key)s."), key=level)
    if committee:
        found_committee = session.scalar(select(Committee).where(Committee.key == committee))
        if found_committee is None:
            raise Unknown(_("There is no committee %(key)s."), key=committee)
    return Selection(person, year, found_level, found_committee, topic or None)
