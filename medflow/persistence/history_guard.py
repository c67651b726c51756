"""The database itself keeps the case history append-only: triggers refuse UPDATE and DELETE.

The one exception is anonymisation (retention): inside its own transaction it inserts the case's
id into `history_unlocks`, scrubs the free text of that case's rows, and deletes the unlock row
again before committing, so an unlock is never visible to anyone else. Even then the trigger
lets only `comment`, `data` and (to NULL) `actor_id` change: what happened, when and where stays.
The same SQL is in the migration; here it is attached to `create_all` through DDL events.
"""

from __future__ import annotations

from sqlalchemy import DDL, ForeignKey, event
from sqlalchemy.orm import Mapped, mapped_column

from medflow.persistence.base import Base
from medflow.persistence.cases import CaseEvent

# Columns that may never change, not even during anonymisation.
FIXED = ("id", "case_id", "seq", "event", "from_state", "to_state", "from_committee_id",
         "to_committee_id", "created_at")
REFUSED = "case_events is append-only"


class HistoryUnlock(Base):
    """A case whose history anonymisation may scrub; written and deleted in one transaction."""

    __tablename__ = "history_unlocks"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)


_SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FIXED)
SQLITE = (
    f"CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE refused'); END",
    f"CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events "
    f"WHEN NOT EXISTS (SELECT 1 FROM history_unlocks u WHERE u.case_id = OLD.case_id) "
    f"OR {_SQLITE_CHANGED} OR (NEW.actor_id IS NOT OLD.actor_id AND NEW.actor_id IS NOT NULL) "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE refused'); END",
)
_PG_NEW = ", ".join(f"NEW.{c}" for c in FIXED)
_PG_OLD = ", ".join(f"OLD.{c}" for c in FIXED)
POSTGRESQL = (
    "CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF TG_OP = 'UPDATE' "
    "AND EXISTS (SELECT 1 FROM history_unlocks u WHERE u.case_id = OLD.case_id) "
    f"AND ({_PG_NEW}) IS NOT DISTINCT FROM ({_PG_OLD}) "
    "AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id) THEN RETURN NEW; END IF; "
    f"RAISE EXCEPTION '{REFUSED}: % refused', TG_OP; "
    "END $$",
    "CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events "
    "FOR EACH ROW EXECUTE FUNCTION case_events_append_only()",
)
DROP_SQLITE = ("DROP TRIGGER IF EXISTS case_events_no_delete", "DROP TRIGGER IF EXISTS case_events_no_update")
DROP_POSTGRESQL = ("DROP TRIGGER IF EXISTS case_events_append_only ON case_events",
                   "DROP FUNCTION IF EXISTS case_events_append_only()")

for _dialect, _statements in (("sqlite", SQLITE), ("postgresql", POSTGRESQL)):
    for _sql in _statements:  # DDL formats with %, so a literal % is written %%
        event.listen(CaseEvent.__table__, "after_create",
                     DDL(_sql.replace("%", "%%")).execute_if(dialect=_dialect))
event.listen(CaseEvent.__table__, "after_drop", DDL(DROP_POSTGRESQL[1]).execute_if(dialect="postgresql"))
