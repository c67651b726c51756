"""The calendar feed (iCalendar, one secret token per person) and the news feed (Atom)."""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard
from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import Unknown, _
from medflow.persistence.base import utcnow
from medflow.persistence.models import CalendarToken, CommunicationLine, Meeting, Person
from medflow.services.meetings.invitations import mine_or_invited

LOCAL = ZoneInfo("Europe/Copenhagen")  # meetings are planned in Danish wall-clock time


def calendar_token(session: Session, person: Person, *, renew: bool = False) -> str:
    """Return the person's calendar token, making one (or a new one, which stops the old) if asked."""
    row = session.scalar(select(CalendarToken).where(CalendarToken.person_id == person.id))
    if row is None or renew:
        if row is None:
            row = CalendarToken(person_id=person.id)
            session.add(row)
        row.token, row.created_at = secrets.token_urlsafe(32), utcnow()
        session.commit()
    return row.token


def person_by_token(session: Session, token: str) -> Person:
    """Return the active person a calendar token belongs to, or raise Unknown."""
    person = session.scalar(select(Person).join(CalendarToken, CalendarToken.person_id == Person.id)
                            .where(CalendarToken.token == token, Person.active.is_(True)))
    if person is None:
        raise Unknown(_("This calendar address is not valid (any more)."))
    return person


def copenhagen_timezone() -> Timezone:
    """Return the VTIMEZONE of Danish time by its EU rule (clients need it to read TZID=Europe/Copenhagen)."""
    zone = Timezone()
    zone.add("tzid", "Europe/Copenhagen")
    for part, name, before, after, start, month in (
            (TimezoneDaylight(), "CEST", "+0100", "+0200", datetime(1970, 3, 29, 2), 3),
            (TimezoneStandard(), "CET", "+0200", "+0100", datetime(1970, 10, 25, 3), 10)):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part["tzoffsetfrom"], part["tzoffsetto"] = before, after
        zone.add_component(part)
    return zone


def _event(meeting: Meeting, host: str, link: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("summary", meeting.title or meeting.committee.name)
    event.add("dtstart", datetime.combine(meeting.date, meeting.start_time, LOCAL))
    event.add("dtend", datetime.combine(meeting.date, meeting.end_time, LOCAL))
    event.add("dtstamp", utcnow())
    event.add("sequence", meeting.version)
    event.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
    event.add("location", meeting.place or meeting.online_link)
    event.add("url", link)
    event.add("description", "\n".join(filter(None, [meeting.online_link, link])))
    return event


def calendar_ics(session: Session, person: Person, base_url: str) -> bytes:
    """Return the iCalendar feed of the person's committees' meetings and the theme days inviting them."""
    meetings = session.scalars(select(Meeting).where(mine_or_invited(person.id))
                               .order_by(Meeting.date, Meeting.id)).all()
    calendar = Calendar()
    calendar.add("prodid", "-//medflow//MED meetings//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "MED")
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    calendar.add_component(copenhagen_timezone())
    host = base_url.split("://", 1)[-1].split("/", 1)[0]
    for meeting in meetings:
        calendar.add_component(_event(meeting, host, f"{base_url}/meetings/{meeting.id}"))
    return calendar.to_ical()


def news_atom(lines: list[CommunicationLine], base_url: str, title: str) -> bytes:
    """Return the approved newsletter stories as an Atom feed."""
    feed = FeedGenerator()
    feed.id(f"{base_url}/news")
    feed.title(title)
    feed.link(href=f"{base_url}/news", rel="alternate")
    feed.link(href=f"{base_url}/news.atom", rel="self")
    feed.updated(max((line.item.meeting.approved_at for line in lines), default=utcnow()))
    # a story is dated on the day of the meeting that agreed it; `updated` is when it was made public
    for line in reversed(lines):  # feedgen lists the last added first
        meeting = line.item.meeting
        entry = feed.add_entry()
        entry.id(f"{base_url}/news#story-{line.id}")
        entry.title(line.story_title)
        entry.summary(line.story_text)
        entry.author(name=meeting.committee.name)
        entry.link(href=f"{base_url}/news#story-{line.id}")
        entry.published(datetime.combine(meeting.date, meeting.start_time, LOCAL))
        entry.updated(meeting.approved_at)
    return feed.atom_str(pretty=True)
