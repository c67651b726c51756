"""The shared answers as an Atom feed (feedgen writes it; a newsreader follows the archive)."""

from __future__ import annotations

from feedgen.feed import FeedGenerator

from medflow.persistence.base import utcnow
from medflow.persistence.models import SharedAnswer


def answers_atom(answers: list[SharedAnswer], base_url: str, title: str) -> bytes:
    """Return the newest shared answers as an Atom feed, newest first; an unshared answer is not in it."""
    feed = FeedGenerator()
    feed.id(f"{base_url}/answers")
    feed.title(title)
    feed.link(href=f"{base_url}/answers", rel="alternate")
    feed.link(href=f"{base_url}/answers/feed.atom", rel="self")
    feed.updated(max((a.shared_at for a in answers), default=utcnow()))
    for answer in reversed(answers):  # feedgen lists the last added first
        entry = feed.add_entry()
        entry.id(f"{base_url}/answers/{answer.id}")
        entry.title(answer.title)
        entry.content(answer.text, type="text")
        entry.author(name=answer.committee.name)
        entry.link(href=f"{base_url}/answers/{answer.id}")
        if answer.topic:
            entry.category(term=answer.topic)
        entry.published(answer.shared_at)
        entry.updated(answer.shared_at)
    return feed.atom_str(pretty=True)
