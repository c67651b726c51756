"""Standing items: what every agenda of a committee holds (a MED meeting's fixed points).

A committee that has not edited its list gets the usual ones: approval of the agenda and of the last
minutes and announcements at the start, "any other business" (eventuelt) after the cases. Items at
the start are of kind `standing`, those after the cases of kind `closing`; the communication item
stays last.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, _
from medflow.persistence.models import MeetingItem, Person, StandingItem

DEFAULT_STANDING = (("Godkendelse af dagsorden", False), ("Godkendelse af referat fra sidste møde", False),
                    ("Meddelelser", False), ("Eventuelt", True))
KINDS = ("standing", "closing")
MAX_ITEMS, MAX_TITLE = 20, 200


def standing_list(session: Session, committee_id: int) -> list[tuple[str, bool]]:
    """Return the committee's standing items as (title, after the cases), its own list or the defaults."""
    rows = session.scalars(select(StandingItem).where(StandingItem.committee_id == committee_id)
                           .order_by(StandingItem.position)).all()
    return [(r.title, r.at_end) for r in rows] if rows else list(DEFAULT_STANDING)


def agenda_items(session: Session, committee_id: int) -> list[MeetingItem]:
    """Return a new meeting's standing items in agenda order (positions from 1)."""
    ordered = sorted(standing_list(session, committee_id), key=lambda pair: pair[1])  # start ones first
    return [MeetingItem(position=n, kind="closing" if at_end else "standing", title=title)
            for n, (title, at_end) in enumerate(ordered, start=1)]


def _titles(name: str, text: object) -> list[str]:
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    if any(len(line) > MAX_TITLE for line in lines):
        raise Invalid(_("%(field)s: each item is at most %(n)s characters."), field=name, n=MAX_TITLE)
    return lines


def set_standing_items(session: Session, person: Person, committee_key: str, start: object,
                       end: object) -> list[tuple[str, bool]]:
    """Replace the committee's standing items (one title a line) for the meetings planned from now on."""
    from medflow.services.meetings.planning import committee_by_key, require_officer

    committee = committee_by_key(session, person, committee_key)
    require_officer(session, person, committee.id)
    pairs = [(t, False) for t in _titles("start", start)] + [(t, True) for t in _titles("end", end)]
    if not pairs:
        raise Invalid(_("start: name at least one standing item."))
    if len(pairs) > MAX_ITEMS:
        raise Invalid(_("start: at most %(n)s standing items."), n=MAX_ITEMS)
    session.execute(delete(StandingItem).where(StandingItem.committee_id == committee.id))
    session.add_all(StandingItem(committee_id=committee.id, position=n, title=title, at_end=at_end)
                    for n, (title, at_end) in enumerate(pairs, start=1))
    session.commit()
    return pairs
