"""Who may open the reports, which cases they count, and what a report is narrowed to.

The cases a person counts are the ones the one visibility rule gives them at a level that counts
(`COUNTS`: `COUNTED` or more, but not `PUBLISHED`): every case a committee they sit on has held,
confidential ones included (counted, never listed), and every case for an administrator; not the
guidelines of the committees above their workplace, which they only read in the register.
Nothing here lists a case: the queries only count.
A report may also be narrowed to the cases of a topic or of a strategy plan's focus area (a case
tagged with one of its subjects): then only tagged cases count, and what has no topic or focus area
(cascades, meetings, annual discussions) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, select, true
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, NotAllowed, Unknown, _
from medflow.domain.visibility import COUNTS
from medflow.persistence.models import Case, Committee, Membership, Person
from medflow.persistence.models import Level as OrgLevel
from medflow.persistence.plans import PlanSubject
from medflow.services.plans.access import may_read, readable_plans
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
    focus_area: PlanSubject | None = None

    @property
    def by_case(self) -> bool:
        """Tell whether the report is narrowed by something only cases carry (a topic, a focus area)."""
        return bool(self.topic or self.focus_area)

    def cases(self) -> ColumnElement[bool]:
        """Return the filter on `Case`: the ordinary cases (no cascade copies) this reader counts."""
        return Case.workflow.not_in(CASE_WORKFLOWS_EXCLUDED) & visible_at(self.person, COUNTS)

    def case_filter(self) -> ColumnElement[bool]:
        """Return the filter on `Case.topic` and `Case.focus_area_id` (always true when not narrowed)."""
        found = true()
        if self.topic:
            found = found & (Case.topic == self.topic)
        if self.focus_area is not None:
            found = found & (Case.focus_area_id == self.focus_area.id)
        return found

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


def focus_area_of(session: Session, person: Person, ident: str) -> PlanSubject:
    """Return the plan subject `ident` names if the person may read its plan; raise Invalid or Unknown.

    Whether a committee has a plan is not for everyone to know (plans.access): a subject of a plan
    the person may not read is "not found", like one that does not exist.
    """
    if not (ident.isascii() and ident.isdigit()) or len(ident) > 9:
        raise Invalid(_("focus_area must be the number of a focus area."))
    found = session.get(PlanSubject, int(ident))
    if found is None or not may_read(session, person, found.plan.committee):
        raise Unknown(_("There is no focus area %(id)s."), id=ident)
    return found


def select_report(session: Session, person: Person, year: int, *, level: str | None = None,
                  committee: str | None = None, topic: str | None = None,
                  focus_area: str | None = None) -> Selection:
    """Return the selection for these keys; raise NotAllowed (not a member), Unknown (no such key), Invalid."""
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
    area = focus_area_of(session, person, focus_area) if focus_area else None
    return Selection(person, year, found_level, found_committee, topic or None, area)


def focus_area_choices(session: Session, person: Person) -> list[tuple[int, str]]:
    """Return the focus areas a report may be narrowed to: (id, "subject · committee") of readable plans.

    Empty where no plan has a subject: then the page offers no such filter.
    """
    return [(subject.id, f"{subject.title} · {plan.committee.name}")
            for plan in readable_plans(session, person) for subject in plan.subjects]
