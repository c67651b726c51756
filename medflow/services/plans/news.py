"""A status change as news: the officer puts it in the newsletter through the next meeting's communication item.

The newsletter's stories are the newsletter lines of the communication item, published when the
minutes are approved (`services.meetings.communication.stories`); a plan's news goes the same way
rather than a second channel, so the committee still decides at its meeting what is told.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import NotPossible, _
from medflow.persistence.models import CommunicationLine, Meeting, MeetingItem, Person
from medflow.persistence.plans import Initiative
from medflow.services.meetings.communication import NewLine, add_line
from medflow.services.plans.access import require_keeper

TELL_WITHIN = timedelta(days=7)  # the story is due a week after the meeting, as the item's other tasks


def next_meeting(session: Session, committee_id: int, today: date) -> Meeting | None:
    """Return the committee's next planned meeting with a communication item and its minutes still open."""
    return session.scalar(
        select(Meeting)
        .join(MeetingItem)
        .where(
            Meeting.committee_id == committee_id,
            Meeting.date >= today,
            Meeting.status == "planned",
            Meeting.approved_at.is_(None),
            MeetingItem.kind == "communication",
        )
        .order_by(Meeting.date, Meeting.id)
        .limit(1)
    )


def tell_in_newsletter(
    session: Session,
    person: Person,
    initiative: Initiative,
    today: date,
    what: object,
    title: object,
    text: object,
) -> CommunicationLine:
    """Add a newsletter line about the initiative to the next meeting's communication item (committed)."""
    committee = initiative.subject.plan.committee
    require_keeper(session, person, committee)
    meeting = next_meeting(session, committee.id, today)
    if meeting is None:
        raise NotPossible(
            _("%(name)s has no meeting coming up to tell the news at; plan one first."), name=committee.name
        )
    return add_line(
        session,
        person,
        meeting.id,
        meeting.version,
        NewLine(
            what=what,
            audience="employees",
            channel="newsletter",
            owner=person.email,
            due_date=(meeting.date + TELL_WITHIN).isoformat(),
            story_title=title,
            story_text=text,
        ),
    )
