"""Writing a committee's cycle: its own items, and placing the ones published from above.

Officers (chair, vice chair, secretary) edit; a copy from above can be placed within its period and
nothing else, so the committee above can count on it being held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain import cycle as rules
from medflow.domain import values
from medflow.domain.errors import Invalid, NotPossible, Unknown, _
from medflow.domain.limits import TEXT_MAX
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, CycleItem, Person
from medflow.services.cycle.status import recurrence_of
from medflow.services.meetings.planning import committee_by_key, require_officer

MAX_TITLE, MAX_TEXT = TEXT_MAX["title"], TEXT_MAX["body"]
RECURRENCE = ("kind", "month", "quarter", "every_years", "start_year")


@dataclass(frozen=True)
class ItemForm:
    """What an officer fills in for an item of the cycle."""

    title: object
    kind: object
    text: object = ""
    month: object = None
    quarter: object = None
    every_years: object = 1
    start_year: object = None
    template: object = ""


def _text(name: str, value: object, limit: int, required: bool) -> str:
    text = values.text(name, value if value is not None else "", limit=limit).strip()
    if required and not text:
        raise Invalid(_("A title of at most %(n)s characters is required."), n=limit)
    return text


def _columns(form: ItemForm) -> dict:
    """Return the checked columns of a form, or raise Invalid naming the bad field."""
    rec = rules.recurrence(form.kind, form.month, form.quarter, form.every_years, form.start_year)
    return {"title": _text("title", form.title, MAX_TITLE, True),
            "text": _text("text", form.text, MAX_TEXT, False),
            "template": _text("template", form.template, MAX_TEXT, False), "kind": rec.kind, "month": rec.month,
            "quarter": rec.quarter, "every_years": rec.every_years, "start_year": rec.start_year}


def officer_committee(session: Session, person: Person, key: str) -> Committee:
    """Return a committee the person is an officer of, or raise Unknown/NotAllowed."""
    committee = committee_by_key(session, person, key)
    require_officer(session, person, committee.id)
    return committee


def item_of(session: Session, committee: Committee, item_id: object) -> CycleItem:
    """Return an active item of the committee's cycle, or raise Unknown."""
    item = session.get(CycleItem, values.ident("item", item_id)) if str(item_id).isdigit() else None
    if item is None or item.committee_id != committee.id or not item.active:
        raise Unknown(_("Item %(id)s was not found."), id=item_id)
    return item


def add_item(session: Session, person: Person, key: str, form: ItemForm,
             now: datetime | None = None) -> CycleItem:
    """Add an item of the committee's own to its cycle (its periods count from `now`)."""
    committee = officer_committee(session, person, key)
    item = CycleItem(committee_id=committee.id, created_at=now or utcnow(), **_columns(form))
    session.add(item)
    session.commit()
    return item


def _copies(session: Session, item: CycleItem) -> list[CycleItem]:
    """Return the copies of an item the committees below got when it was published."""
    return list(session.scalars(select(CycleItem).where(CycleItem.source_id == item.id)))


def edit_item(session: Session, person: Person, key: str, item_id: object, form: ItemForm) -> CycleItem:
    """Change an item of the committee's own; the committees it was published to get the change.

    A copy keeps the month it was placed in while its recurrence stays the same.
    """
    committee = officer_committee(session, person, key)
    item = item_of(session, committee, item_id)
    if item.source_id is not None:
        raise NotPossible(_("This item comes from the committee above; "
                            "it can only be moved within its period."))
    columns = _columns(form)
    for target in (item, *_copies(session, item)):
        moved = recurrence_of(target) != rules.Recurrence(**{k: columns[k] for k in RECURRENCE})
        for name, value in columns.items():
            setattr(target, name, value)
        target.placed_month = None if moved or target is item else target.placed_month
    session.commit()
    return item


def drop_item(session: Session, person: Person, key: str, item_id: object) -> None:
    """Take an item of the committee's own out of its cycle (it stays on meetings that held it)."""
    committee = officer_committee(session, person, key)
    item = item_of(session, committee, item_id)
    if item.source_id is not None:
        raise NotPossible(_("This item comes from the committee above and cannot be dropped."))
    for target in (item, *_copies(session, item)):  # dropped above: gone below too
        target.active = False
    session.commit()


def place_item(session: Session, person: Person, key: str, item_id: object, month: object) -> CycleItem:
    """Place an item in a month of its period (empty: its period's start); only within the period."""
    committee = officer_committee(session, person, key)
    item = item_of(session, committee, item_id)
    item.placed_month = rules.check_placement(recurrence_of(item), month)
    session.commit()
    return item
