"""A committee edits its standing items (the list `standing` gives each new meeting)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, _
from medflow.persistence.models import Person, StandingItem
from medflow.services.meetings.planning import committee_by_key, require_officer
from medflow.services.meetings.standing import MAX_ITEMS, MAX_TITLE


def _titles(name: str, text: object) -> list[str]:
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    if any(len(line) > MAX_TITLE for line in lines):
        raise Invalid(_("%(field)s: each item is at most %(n)s characters."), field=name, n=MAX_TITLE)
    return lines


def set_standing_items(session: Session, person: Person, committee_key: str, start: object,
                       end: object) -> list[tuple[str, bool]]:
    """Replace the committee's standing items (one title a line) for the meetings planned from now on."""
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
