"""The redacted view of a case: what someone who may see that a case exists, but not read it, is shown.

Which view a reader gets is the visibility rule's (`services.visibility`); this is only its shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from medflow.persistence.models import Case, Committee, Person
from medflow.services.visibility import fully_visible_ids


@dataclass(frozen=True)
class RedactedCase:
    """What someone who may only see that a case exists is shown: no title, text or people."""

    id: int
    workflow: str
    state: str
    confidential: bool
    holder: Committee
    version: int
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    state_due_at: datetime | None
    meeting_date: date | None
    redacted: bool = True
    title: None = None
    submitter: None = None

    @property
    def data(self) -> dict[str, Any]:
        """Return no case data: the text a case carries in it is not for this reader."""
        return {}

    @classmethod
    def of(cls, case: Case) -> RedactedCase:
        """Return the redacted view of a case."""
        return cls(case.id, case.workflow, case.state, case.confidential, case.holder, case.version,
                   case.created_at, case.updated_at, case.closed_at, case.state_due_at, case.meeting_date)


def redact_for(session: Session, person: Person, cases: Sequence[Case]) -> list[Case | RedactedCase]:
    """Return the cases, each one `person` may not read in full replaced by its redacted view."""
    readable = fully_visible_ids(session, person, (c.id for c in cases))
    return [c if c.id in readable else RedactedCase.of(c) for c in cases]
