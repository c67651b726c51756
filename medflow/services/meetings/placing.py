"""A case joining an agenda nobody has loaded: three short statements, however long the agenda.

`agenda.insert_item` puts an item before the closing standing items and the communication item
by renumbering the loaded agenda; here the same happens in SQL: the first closing position is
read, the items from there on move down one (their versions move on, as any change of theirs
does), and the case's item is inserted where they were (a plain INSERT: the unit of work cost more
than the statement; the search index is told of it as of a flushed row). Items of that agenda
already in the session are expired, so none is flushed later with a position or version it no
longer has.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy import case as sa_case
from sqlalchemy.orm import Session

from medflow.persistence.models import MeetingItem
from medflow.services.hooks import written_by_sql

TAIL = ("closing", "communication")  # the items that stay at the end of an agenda
_ITEMS = MeetingItem.__table__
_TAIL_AT = (select(func.min(sa_case((_ITEMS.c.kind.in_(TAIL), _ITEMS.c.position))), func.max(_ITEMS.c.position))
            .where(_ITEMS.c.meeting_id == bindparam("meeting")))
_MOVE_DOWN = (update(_ITEMS)
              .where(_ITEMS.c.meeting_id == bindparam("meeting"), _ITEMS.c.position >= bindparam("at"))
              .values(position=_ITEMS.c.position + 1, version=_ITEMS.c.version + 1))
_ADD = insert(_ITEMS).returning(_ITEMS.c.id)


def add_case_item(session: Session, meeting_id: int, values: dict[str, Any]) -> None:
    """Insert an item (`values`: its columns but the position) before the agenda's closing items."""
    conn = session.connection()
    first_tail, last = conn.execute(_TAIL_AT, {"meeting": meeting_id}).one()
    position = first_tail if first_tail is not None else (last or 0) + 1
    if first_tail is not None:
        conn.execute(_MOVE_DOWN, {"meeting": meeting_id, "at": first_tail})
        _expire_items_of(session, meeting_id)
    row = {**values, "meeting_id": meeting_id, "position": position}
    item_id = conn.execute(_ADD, row).scalar_one()
    written_by_sql(session, [MeetingItem(id=item_id, **row)])  # the search index rebuilds it at the commit


def _expire_items_of(session: Session, meeting_id: int) -> None:
    """Expire the agenda's items this session holds: their positions and versions just changed in SQL."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, MeetingItem) and obj.meeting_id == meeting_id:
            session.expire(obj, ["position", "version"])
