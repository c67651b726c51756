"""Cascades in the search index: what a committee published downwards, one document per cascade.

Who finds one is who sees it today: the roll-up's readers (`cascade_views.rollup_readers`: the
publisher, the sending committee, administrators) and the employees it reached from above
(`cascade_views.received_from_above`, not internal). Each receiving committee's cascade *case* is
a case like any other in the index, found by the case rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from medflow.domain.calendar import local_date
from medflow.domain.errors import _
from medflow.persistence.models import Cascade, Person
from medflow.persistence.search import SearchDocument
from medflow.services.cascade_views import received_from_above, rollup_readers
from medflow.services.search.kinds import Doc, Kind, Source
from medflow.services.tree import informed_committees

CASCADE = "cascade"


def _readable(session: Session, person: Person) -> ColumnElement[bool]:
    seen = or_(rollup_readers(person), received_from_above(informed_committees(session, person)))
    return SearchDocument.source_id.in_(select(Cascade.id).where(seen))


def _link(ref_id: int, source_id: int | None, member: bool):
    """The roll-up for the sending committee; "Information" for those it reached."""
    return ("notify_pages.cascade_show", {"cascade_id": ref_id}) if member else ("notify_pages.information", {})


def _build(session: Session, ids: Sequence[int]) -> Iterator[Doc]:
    for cascade in session.scalars(select(Cascade).where(Cascade.id.in_(ids))):
        year = local_date(cascade.created_at).year if cascade.created_at else None
        yield Doc(CASCADE, cascade.id, cascade.title, cascade.body, cascade.id,
                  committee_id=cascade.committee_id, year=year)


CASCADE_KIND = Kind(CASCADE, _("Cascade"), _readable, _link)
CASCADES = Source(
    "cascades", (CASCADE_KIND,),
    watches={Cascade: lambda c: c.id},
    build=_build,
    expected=lambda: select(Cascade.id),
)
