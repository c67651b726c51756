"""The annual discussion at a meeting: the pack on the agenda, its sections in the minutes, frozen at approval.

An officer puts the committee's pack for a year on an open meeting as its own kind of item
(`annual`); while the minutes are a draft, the officers fill the sections the law asks for and
follow up last year's goals. When the minutes are approved (hook `minutes_approved`, same
transaction) the pack is frozen with what it showed, and the goals it set for the coming year
become Goal rows (year = the pack's year, with owner and due date), which next year's pack opens
with. Later corrections are the meeting's dated addenda.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date
from medflow.domain.errors import Invalid, NotPossible, Unknown, _
from medflow.domain.fields import parse_date
from medflow.persistence.base import utcnow
from medflow.persistence.models import AnnualPack, Committee, Goal, Meeting, MeetingItem, Membership, Person
from medflow.services import goals as goal_service
from medflow.services.annual import content
from medflow.services.meetings.agenda import MAX_TEXT, clean_text, insert_item, open_meeting_for_officer, touch
from medflow.services.meetings.planning import commit_or_stale, require_officer

ANNUAL_TITLE = (
    "Annual work-environment discussion"  # stored in English, shown translated (as the communication item)
)
SECTIONS = ("collaboration", "meeting_intervals", "competence_plan")
MAX_GOALS = 12


def pack_of(session: Session, committee: Committee, year: int) -> AnnualPack | None:
    """Return the committee's pack for `year`, if one was put on an agenda."""
    return session.scalar(
        select(AnnualPack).where(AnnualPack.committee_id == committee.id, AnnualPack.year == year)
    )


def people_names(session: Session, pack: AnnualPack | None) -> dict[int, str]:
    """Return the names of the owners the pack's goals name."""
    ids = sorted({g.get("owner_id") for g in (pack.next_goals if pack else []) if g.get("owner_id")})
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all()) if ids else {}


def members_of(session: Session, committee: Committee) -> list[Person]:
    """Return the committee's active members (the owners a goal may have), by name."""
    return list(
        session.scalars(
            select(Person)
            .join(Membership)
            .where(Membership.committee_id == committee.id, Person.active.is_(True))
            .distinct()
            .order_by(Person.name)
        )
    )


def pack_content(session: Session, committee: Committee, year: int) -> dict[str, Any]:
    """Return what the pack shows: the frozen record once held, else built from today's data."""
    pack = pack_of(session, committee, year)
    if pack is not None and pack.snapshot is not None:
        return content.current_case_texts(session, pack.snapshot)
    return content.build(session, committee, year, local_date(utcnow()), pack, people_names(session, pack))


def put_on_agenda(
    session: Session, person: Person, meeting_id: int, version: object, year: object
) -> AnnualPack:
    """Put the committee's annual pack for `year` on an open meeting's agenda (once per pack)."""
    meeting = open_meeting_for_officer(session, person, meeting_id, version)
    text = str(year or "").strip()
    if not (text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100):
        raise Invalid(_("year must be a year from %(low)s to %(high)s."), low=2000, high=2100)
    pack = pack_of(session, meeting.committee, int(text))
    if pack is None:
        pack = AnnualPack(committee_id=meeting.committee_id, year=int(text), next_goals=[])
        session.add(pack)
    if pack.frozen_at is not None:
        raise NotPossible(_("The annual discussion of %(year)s was held and approved already."), year=pack.year)
    if (
        pack.item is not None
        and pack.item.meeting.approved_at is None
        and pack.item.meeting.status == "planned"
    ):
        raise NotPossible(
            _("The annual discussion of %(year)s is on the agenda of %(date)s already."),
            year=pack.year,
            date=pack.item.meeting.date.isoformat(),
        )
    pack.item = insert_item(meeting, MeetingItem(kind="annual", title=f"{ANNUAL_TITLE} {pack.year}"))
    touch(meeting)
    commit_or_stale(session)
    return pack


def _open_pack(session: Session, person: Person, committee: Committee, year: int) -> AnnualPack:
    """Return the pack if the minutes holding it are still a draft the person may write, else raise why not."""
    pack = pack_of(session, committee, year)
    if pack is None or pack.item is None:
        raise NotPossible(_("Put the annual discussion on a meeting's agenda first; its minutes fill it in."))
    require_officer(session, person, committee.id)
    meeting = pack.item.meeting
    if pack.frozen_at is not None or meeting.approved_at is not None or meeting.approvals:
        raise NotPossible(_("The minutes are approved and can no longer be changed; add an addendum."))
    return pack


def _goal_rows(session: Session, committee: Committee, goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check the goals typed for next year: text, an owner who sits on the committee, a due date."""
    members = dict(
        session.execute(
            select(Person.email, Person.id).join(Membership).where(Membership.committee_id == committee.id)
        ).all()
    )
    rows = []
    for n, goal in enumerate(goals[:MAX_GOALS], start=1):
        text = clean_text(f"goal {n}", goal.get("text"), goal_service.MAX_TEXT, False)
        if not text:
            continue
        email = str(goal.get("owner") or "").strip().lower()
        if email not in members:
            raise Invalid(_("goal %(n)s: choose an owner who sits on the committee."), n=n)
        due = parse_date(f"goal {n} due_on", goal.get("due_on"))
        rows.append({"text": text, "owner_id": members[email], "due_on": due.isoformat()})
    return rows


def save_sections(
    session: Session,
    person: Person,
    committee: Committee,
    year: int,
    fields: dict[str, Any],
    goals: list[dict[str, Any]],
) -> AnnualPack:
    """Write the sections the minutes record: collaboration, meeting intervals, competence plan, next goals."""
    pack = _open_pack(session, person, committee, year)
    for name in SECTIONS:
        setattr(pack, name, clean_text(name, fields.get(name), MAX_TEXT, False))
    pack.next_goals = _goal_rows(session, committee, goals)
    session.commit()
    return pack


def follow_up_goal(
    session: Session,
    person: Person,
    committee: Committee,
    year: int,
    goal_id: int,
    status: object,
    note: object,
) -> None:
    """Record how one of last year's goals went, as part of this year's discussion."""
    _open_pack(session, person, committee, year)
    goal = session.get(Goal, goal_id)
    if goal is None or goal.committee_id != committee.id or goal.year != year - 1:
        raise Unknown(_("Goal %(id)s was not found."), id=goal_id)
    goal_service.follow_up(session, person, goal, str(status or ""), str(note or ""))
    session.commit()


def freeze_on_approval(session: Session, meeting: Meeting, person: Person, now: datetime) -> None:
    """When the minutes are approved: freeze each annual pack on them and turn next year's goals into goals."""
    for item in [i for i in meeting.items if i.kind == "annual"]:
        pack = session.scalar(select(AnnualPack).where(AnnualPack.item_id == item.id))
        if pack is None or pack.frozen_at is not None:
            continue
        names = people_names(session, pack)
        pack.snapshot = content.build(session, pack.committee, pack.year, local_date(now), pack, names)
        pack.frozen_at = now
        for goal in pack.next_goals or []:
            goal_service.set_goal(
                session,
                person,
                pack.committee,
                goal["text"],
                year=pack.year,
                owner=session.get(Person, goal["owner_id"]),
                due_on=parse_date("due_on", goal["due_on"], local_date(now)),
            )
    session.flush()
