"""The members' training: who took which course when, each member's status, and the flag to the chair.

Records come from the course provider's file (`medflow training import`) or from a committee's
secretary; the status of each member is computed from them and the date their role began
(domain/training.py). A member of the work-environment organisation whose statutory training is
missing is flagged to the committee's chair once (the sweep; the unique reminder key makes it once).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from medflow.domain import training as rules
from medflow.domain.calendar import local_date
from medflow.domain.errors import DefinitionError, Invalid, NotAllowed, Problem, Unknown, _
from medflow.domain.figures_csv import FigureProblem
from medflow.domain.training_csv import TrainingRow, course_key, parse_day
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, Membership, Notification, Person, SentReminder, TrainingRecord
from medflow.services.admin import audit
from medflow.services.meetings.planning import OFFICERS, committee_roles


@dataclass(frozen=True)
class MemberTraining:
    """One member of one committee: their roles and how each course they need stands."""

    person: Person
    committee: Committee
    roles: tuple[str, ...]
    needs: tuple[rules.Need, ...]

    @property
    def flagged(self) -> bool:
        """Tell whether the statutory training is missing (the chair has been or will be told)."""
        return rules.statutory_missing(list(self.needs))


def _taken(session: Session, person_ids: Iterable[int]) -> dict[int, dict[str, list[date]]]:
    """Return {person id: {course: [dates]}} for these people."""
    found: dict[int, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    ids = sorted(set(person_ids))
    for pid, course, day in session.execute(
        select(TrainingRecord.person_id, TrainingRecord.course, TrainingRecord.taken_on).where(
            TrainingRecord.person_id.in_(ids)
        )
    ):
        found[pid][course].append(day)
    return found


def members_training(session: Session, committees: list[Committee], today: date) -> list[MemberTraining]:
    """Return every active member of these committees with their courses' status, committee by committee."""
    ids = [c.id for c in committees]
    rows = session.execute(
        select(Membership, Person)
        .join(Person)
        .where(Membership.committee_id.in_(ids), Person.active.is_(True))
        .order_by(Person.name, Membership.id)
    ).all()
    grouped: dict[tuple[int, int], list[Membership]] = defaultdict(list)
    people = {}
    for membership, person in rows:
        grouped[(membership.committee_id, person.id)].append(membership)
        people[person.id] = person
    taken = _taken(session, people)
    by_id = {c.id: c for c in committees}
    result = []
    for (cid, pid), memberships in grouped.items():
        roles = tuple(sorted({m.role for m in memberships}))
        starts = [m.since for m in memberships if m.since is not None]
        top = by_id[cid].parent_id is None
        needs = rules.needs(roles, top, min(starts) if starts else None, taken.get(pid, {}), today)
        result.append(MemberTraining(people[pid], by_id[cid], roles, tuple(needs)))
    order = {cid: n for n, cid in enumerate(ids)}
    return sorted(result, key=lambda m: (order[m.committee.id], m.person.name))


def require_secretary(session: Session, person: Person, committee: Committee) -> None:
    """Refuse anyone but an admin or an officer (chair, vice chair, secretary) of the committee."""
    if not person.is_admin and not committee_roles(session, person, committee.id) & set(OFFICERS):
        raise NotAllowed(_("Only the committee's chair, vice chair or secretary may record training."))


def record_training(
    session: Session,
    actor: Person,
    committee: Committee,
    member_email: object,
    course: object,
    taken_on: object,
    note: object = "",
) -> TrainingRecord:
    """Record that a member of `committee` took a course on a day (the secretary's form)."""
    require_secretary(session, actor, committee)
    email = str(member_email or "").strip().lower()
    member = session.scalar(
        select(Person).join(Membership).where(Person.email == email, Membership.committee_id == committee.id)
    )
    if member is None:
        raise Unknown(_("%(email)s is not a member of %(committee)s."), email=email, committee=committee.name)
    key, day = course_key(str(course or "")), parse_day(str(taken_on or ""))
    if key is None:
        raise Invalid(_("course: choose one of the courses."))
    if day is None or day > local_date(utcnow()):
        raise Invalid(_("taken_on: give the day the course was taken (not a day to come)."))
    record = TrainingRecord(
        person_id=member.id,
        course=key,
        taken_on=day,
        note=str(note or "").strip()[:200],
        entered_by_id=actor.id,
    )
    session.add(record)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Invalid(_("This course on this day is recorded for %(email)s already."), email=email) from None
    return record


@dataclass
class TrainingPlan:
    """What importing a training file would do: new records, and those already there."""

    new: list[tuple[TrainingRow, int]] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        """Return the counts the CLI prints."""
        return {"new": len(self.new), "already recorded": self.unchanged}


def plan_training(
    session: Session, file: str, rows: list[TrainingRow], problems: list[Problem]
) -> TrainingPlan:
    """Resolve each row's person by e-mail; raise DefinitionError with every problem, else return the plan."""
    problems = list(problems)
    emails = {r.email for r in rows}
    people = dict(
        session.execute(select(Person.email, Person.id).where(Person.email.in_(sorted(emails)))).all()
    )
    for row in rows:
        if row.email not in people:
            problems.append(
                FigureProblem(file, row.line, _("nobody has the e-mail address %(email)s"), email=row.email)
            )
    if problems:
        raise DefinitionError(sorted(problems, key=lambda p: p.line or 0))
    stored = set(
        session.execute(
            select(TrainingRecord.person_id, TrainingRecord.course, TrainingRecord.taken_on).where(
                TrainingRecord.person_id.in_(sorted(set(people.values())))
            )
        ).all()
    )
    plan = TrainingPlan()
    for row in rows:
        if (people[row.email], row.course, row.taken_on) in stored:
            plan.unchanged += 1
        else:
            plan.new.append((row, people[row.email]))
    return plan


def apply_training(session: Session, actor: Person | None, file: str, plan: TrainingPlan) -> None:
    """Write the plan's new records and an audit entry, in one transaction."""
    for row, person_id in plan.new:
        session.add(
            TrainingRecord(
                person_id=person_id,
                course=row.course,
                taken_on=row.taken_on,
                note=row.note,
                entered_by_id=actor.id if actor else None,
            )
        )
    audit.record(session, actor, "training_import", file, None, plan.counts(), source="training-import")
    session.commit()


def flag_missing(session: Session, now: datetime | None = None) -> list[str]:
    """Tell each committee's chair, once, about members whose statutory training is missing; return the keys."""
    now = now or utcnow()
    amr = session.scalars(
        select(Committee)
        .join(Membership)
        .where(Membership.role.in_(sorted(rules.WORK_ENVIRONMENT_ROLES)))
        .distinct()
        .order_by(Committee.id)
    ).all()
    sent = []
    for member in members_training(session, list(amr), local_date(now)):
        if member.flagged:
            sent += _flag(session, member, now)
    return sent


def _flag(session: Session, member: MemberTraining, now: datetime) -> list[str]:
    """Notify the committee's chairs that one member's statutory training is missing (once per member)."""
    key = f"training:{member.committee.id}:{member.person.id}"
    chairs = set(
        session.scalars(
            select(Membership.person_id)
            .join(Person)
            .where(
                Membership.committee_id == member.committee.id,
                Membership.role == "chair",
                Person.active.is_(True),
            )
        )
    )
    if session.scalar(select(SentReminder.id).where(SentReminder.key == key)) is not None:
        return []
    data = {"person": member.person.name, "committee": member.committee.name, "key": member.committee.key}
    try:
        session.add(SentReminder(key=key, case_id=None, kind="training", due_at=now, sent_at=now))
        session.flush()  # claim the key first: a sweep running at the same moment fails on it
        if chairs:
            session.connection().execute(
                insert(Notification.__table__),
                [
                    {
                        "person_id": pid,
                        "case_id": None,
                        "meeting_id": None,
                        "kind": "training_missing",
                        "data": data,
                        "created_at": now,
                    }
                    for pid in sorted(chairs)
                ],
            )
        session.commit()
    except IntegrityError:
        session.rollback()
        return []
    return [key]
