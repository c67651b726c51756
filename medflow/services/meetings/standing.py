"""Standing items: what every agenda of a committee holds (a MED meeting's fixed points).

A committee that has not edited its list gets the usual ones: approval of the agenda and of the last
minutes and announcements at the start, "any other business" (eventuelt) after the cases. Items at
the start are of kind `standing`, those after the cases of kind `closing`; the communication item
stays last.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.persistence.models import MeetingItem, StandingItem

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
