"""Theme days (StoreMEDdag, arbejdsmiljødag, a MED theme day): meetings that invite across committees.

The publisher's officers plan it like a meeting of their committee, with one or more target groups
(the members of chosen committees, every AMR, every TR, every leader), each maybe a part of the day.
The invitees are told, find it in their meetings and calendar feed, and sign up or decline; the
publisher sees who comes from where.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from medflow.domain import values
from medflow.domain.calendar import local_date
from medflow.domain.errors import Invalid, NotAllowed, NotPossible, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, Meeting, Person, SignUp, TargetGroup
from medflow.services.meetings import notices
from medflow.services.meetings.invitations import AUDIENCES, THEME_DAY, invited_meetings, invitees
from medflow.services.meetings.planning import (
    MeetingPlan,
    _checked,
    committee_by_key,
    committee_roles,
    new_meeting,
    require_officer,
    visible_meeting,
)

TITLE_MAX, LABEL_MAX = 200, 200


@dataclass(frozen=True)
class Group:
    """One target group as the form or a caller sends it: an audience, a committee key, a label."""

    audience: object
    committee: object = None
    label: object = ""


def _group(session: Session, group: Group) -> TargetGroup:
    """Return the target group row for `group`, or raise Invalid naming the bad field."""
    if group.audience not in AUDIENCES:
        raise Invalid(_("%(field)s must be one of: %(choices)s."), field="audience",
                      choices=", ".join(AUDIENCES))
    committee = None
    if group.audience == "committee":
        committee = session.scalar(select(Committee).where(Committee.key == str(group.committee or ""),
                                                           Committee.closed_at.is_(None)))
        if committee is None:
            raise Invalid(_("committees: %(key)s is not a committee."), key=str(group.committee or ""))
    return TargetGroup(audience=str(group.audience), committee_id=committee.id if committee else None,
                       label=values.text("label", group.label, limit=LABEL_MAX))


def plan_theme_day(session: Session, person: Person, committee_key: str, title: object, plan: MeetingPlan,
                   groups: list[Group], *, mail=None, now: datetime | None = None) -> Meeting:
    """Plan a theme day published by a committee the person is an officer of, and tell every invitee."""
    now = now or utcnow()
    committee = committee_by_key(session, person, committee_key)
    require_officer(session, person, committee.id)
    name = values.text("title", title, limit=TITLE_MAX)
    if not name:
        raise Invalid(_("%(field)s is required."), field="title")
    if not groups:
        raise Invalid(_("Choose at least one group to invite."))
    rows = [_group(session, g) for g in groups]
    meeting = new_meeting(session, committee.id, _checked(plan, local_date(now)), cycle=False)
    meeting.kind, meeting.title = THEME_DAY, name
    session.flush()
    for row in rows:
        row.meeting_id = meeting.id
    session.add_all(rows)
    session.flush()
    people = set(session.scalars(invitees(meeting.id))) - {person.id}
    notices.tell(session, meeting, "theme_day_invited", people, mail=mail, data={"title": name}, now=now)
    session.commit()
    return meeting


def is_invited(session: Session, person: Person, meeting: Meeting) -> bool:
    """Tell whether a theme day invites the person."""
    return meeting.kind == THEME_DAY and session.scalar(
        invited_meetings(person.id).where(TargetGroup.meeting_id == meeting.id).limit(1)) is not None


def answer(session: Session, person: Person, meeting_id: int, coming: object,
           now: datetime | None = None) -> SignUp:
    """Sign the person up for a theme day, or record that they decline (a new answer replaces the old)."""
    now = now or utcnow()
    meeting = visible_meeting(session, person, meeting_id)
    if not is_invited(session, person, meeting):
        raise NotAllowed(_("Only those the theme day invites can sign up."))
    if meeting.status != "planned" or meeting.date < local_date(now):
        raise NotPossible(_("The theme day is over or cancelled; answers are closed."))
    if coming not in ("yes", "no", True, False):
        raise Invalid(_("%(field)s must be one of: %(choices)s."), field="coming", choices="yes, no")
    row = session.scalar(select(SignUp).where(SignUp.meeting_id == meeting.id, SignUp.person_id == person.id))
    if row is None:
        row = SignUp(meeting_id=meeting.id, person_id=person.id, coming=False)
        session.add(row)
    row.coming, row.answered_at = coming in ("yes", True), now
    session.commit()
    return row


def my_answer(session: Session, person: Person, meeting: Meeting) -> bool | None:
    """Return the person's answer (True coming, False not) or None when they have not answered."""
    return session.scalar(select(SignUp.coming).where(SignUp.meeting_id == meeting.id,
                                                      SignUp.person_id == person.id))


@dataclass(frozen=True)
class Turnout:
    """Who comes from where: per workplace committee the count coming and declining; who has not answered."""

    by_committee: list[tuple[str, int, int]]
    invited: int
    unanswered: int
    coming: list[Person]


def turnout(session: Session, person: Person, meeting: Meeting) -> Turnout:
    """Return the sign-ups by the invitees' workplaces (for the publishing committee's officers)."""
    if not (person.is_admin or committee_roles(session, person, meeting.committee_id)):
        raise NotAllowed(_("Only the committee that publishes the theme day sees who comes."))
    invited = set(session.scalars(invitees(meeting.id)))
    rows = session.scalars(select(SignUp).where(SignUp.meeting_id == meeting.id)
                           .options(selectinload(SignUp.person).selectinload(Person.workplace))).all()
    yes, no = Counter(), Counter()
    for row in rows:
        where = row.person.workplace.name if row.person.workplace else "—"
        (yes if row.coming else no)[where] += 1
    places = sorted(set(yes) | set(no))
    return Turnout([(p, yes[p], no[p]) for p in places], len(invited),
                   len(invited - {r.person_id for r in rows}),
                   sorted((r.person for r in rows if r.coming), key=lambda p: p.name))


def target_groups(session: Session, meeting: Meeting) -> list[TargetGroup]:
    """Return the theme day's target groups, in the order they were given."""
    return list(session.scalars(select(TargetGroup).where(TargetGroup.meeting_id == meeting.id)
                                .options(selectinload(TargetGroup.committee)).order_by(TargetGroup.id)))
