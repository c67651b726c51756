"""Who a theme day invites, as SQL: one join from target groups to memberships.

A target group matches a membership when it names the membership's committee, its role (AMR, TR)
or its side (every leader: management's side). The same join answers "who is invited" (for the
notifications and the turnout) and "which theme days invite me" (the calendar, the meeting list).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select

from medflow.domain.sides import MANAGEMENT
from medflow.persistence.models import Meeting, Membership, Person, TargetGroup

THEME_DAY = "theme_day"
AUDIENCES = ("committee", "amr", "tr", "leaders")

GROUP_MATCHES_MEMBERSHIP: ColumnElement[bool] = or_(
    and_(TargetGroup.audience == "committee", TargetGroup.committee_id == Membership.committee_id),
    and_(TargetGroup.audience == "amr", Membership.role == "amr"),
    and_(TargetGroup.audience == "tr", Membership.role == "tr"),
    and_(TargetGroup.audience == "leaders", Membership.side == MANAGEMENT),
)


def invited_meetings(person_id: int):
    """Return the ids of the theme days that invite the person, as a subquery."""
    return (select(TargetGroup.meeting_id).join(Membership, GROUP_MATCHES_MEMBERSHIP)
            .where(Membership.person_id == person_id))


def invitees(meeting_id: int):
    """Return the ids of the active people a theme day invites, as a subquery."""
    return (select(Membership.person_id).join(TargetGroup, GROUP_MATCHES_MEMBERSHIP)
            .join(Person, Person.id == Membership.person_id)
            .where(TargetGroup.meeting_id == meeting_id, Person.active.is_(True)).distinct())


def mine_or_invited(person_id: int) -> ColumnElement[bool]:
    """Return a filter on `Meeting`: of a committee the person sits on, or a theme day inviting them."""
    mine = select(Membership.committee_id).where(Membership.person_id == person_id)
    return or_(Meeting.committee_id.in_(mine), Meeting.id.in_(invited_meetings(person_id)))
