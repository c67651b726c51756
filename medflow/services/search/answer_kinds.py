"""Shared answers in the search index: the text a committee wrote for every employee, while it is shared.

An answer is written to be read by everyone (the archive `/answers` is open to every logged-in
person), so every reader finds it; the case it came from keeps its own rule and is found, or not, as
a case. Unsharing removes the document in the same transaction (`unshared_at` changes the row).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date
from medflow.domain.errors import _
from medflow.persistence.models import Person, SharedAnswer
from medflow.services.search.kinds import Doc, Kind, Source

ANSWER = "answer"


def _readable(_session: Session, _person: Person) -> bool:
    return True  # written for everyone: the archive shows it to every logged-in person


def _link(ref_id: int, _source_id: int | None, _member: bool):
    return "answers.show", {"answer_id": ref_id}


def _build(session: Session, ids: Sequence[int]) -> Iterator[Doc]:
    shared = select(SharedAnswer).where(SharedAnswer.id.in_(ids), SharedAnswer.unshared_at.is_(None))
    for answer in session.scalars(shared):
        yield Doc(ANSWER, answer.id, answer.title, answer.text, answer.id, committee_id=answer.committee_id,
                  topic=answer.topic, year=local_date(answer.shared_at).year if answer.shared_at else None,
                  public=True)


ANSWER_KIND = Kind(ANSWER, _("Shared answer"), _readable, _link)
ANSWERS = Source(
    "answers", (ANSWER_KIND,),
    watches={SharedAnswer: lambda a: a.id},
    build=_build,
    expected=lambda: select(SharedAnswer.id).where(SharedAnswer.unshared_at.is_(None)),
)
