"""Every kind the search finds, in one list: cases (kept by the case-event listener in `index`) and
the sources rebuilt when their rows change (`changes`). A new kind is one `Source` added to SOURCES."""

from __future__ import annotations

from sqlalchemy.orm import Session

from medflow.domain.errors import _
from medflow.domain.visibility import Level
from medflow.persistence.models import Person
from medflow.persistence.search import CASE
from medflow.services.search.answer_kinds import ANSWERS
from medflow.services.search.cascade_kinds import CASCADES
from medflow.services.search.kinds import Kind, Source
from medflow.services.search.meeting_kinds import MEETINGS
from medflow.services.visibility import visible_to


def _case_readable(session: Session, person: Person):
    return visible_to(person, Level.FULL)


CASE_KIND = Kind(CASE, _("Case"), _case_readable, lambda ref, source, member: ("cases.show", {"case_id": ref}))
SOURCES: tuple[Source, ...] = (MEETINGS, CASCADES, ANSWERS)
KINDS: dict[str, Kind] = {k.key: k for k in (CASE_KIND, *(k for s in SOURCES for k in s.kinds))}
