"""The archive of shared answers: every logged-in employee reads it, by topic and level, newest first.

Only live answers are listed (an unshared one is gone from the archive, its page and the feed). A
shared answer is a text written for everyone, never the case itself, and a confidential case is
never shared, so the archive needs no visibility rule of its own.
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from medflow.domain import values
from medflow.domain.errors import Unknown, _
from medflow.persistence.models import Committee, SharedAnswer
from medflow.services.paging import Cursor, KeysetPage, newest_first

PAGE_SIZE = 25
FEED_SIZE = 50


def _live() -> Select:
    return (select(SharedAnswer).where(SharedAnswer.unshared_at.is_(None))
            .options(selectinload(SharedAnswer.committee).selectinload(Committee.level)))


def archive_page(session: Session, *, topic: object = None, level: object = None, after: Cursor | None = None,
                 size: int = PAGE_SIZE) -> KeysetPage:
    """Return a page of live shared answers, newest first, filtered by topic and level keys."""
    query = _live()
    if topic_key := values.key("topic", topic):
        query = query.where(SharedAnswer.topic == topic_key)
    if level_key := values.key("level", level):
        query = query.where(SharedAnswer.level == level_key)
    return newest_first(session, query, SharedAnswer.shared_at, SharedAnswer.id, after, size)


def live_answer(session: Session, answer_id: int) -> SharedAnswer:
    """Return a shared answer that is still shared, or raise Unknown (404)."""
    answer = session.scalar(_live().where(SharedAnswer.id == answer_id))
    if answer is None:
        raise Unknown(_("The shared answer %(id)s was not found."), id=answer_id)
    return answer


def newest(session: Session, size: int = FEED_SIZE) -> list[SharedAnswer]:
    """Return the newest live shared answers (the feed)."""
    newest_first = _live().order_by(SharedAnswer.shared_at.desc(), SharedAnswer.id.desc())
    return list(session.scalars(newest_first.limit(size)))


def topics_in_use(session: Session) -> list[str]:
    """Return the topic keys live answers have, for the filter (a topic nobody shared on is no choice)."""
    rows = session.scalars(select(SharedAnswer.topic).where(SharedAnswer.unshared_at.is_(None),
                                                            SharedAnswer.topic.is_not(None)).distinct())
    return sorted(t for t in rows if t)
