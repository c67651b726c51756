"""Writing one event: the case row's version-guarded UPDATE, the history row, the listeners, the commit.

Every change of a case (a person's event, an escalation, a transfer) ends here, so the version
guards them all and each one is an append-only history row. The case row is changed with one Core
`UPDATE ... WHERE id = ? AND version = ?` (a rowcount of 0 means someone else was first), not an
ORM flush: the unit of work cost more than the statement. The loaded case is then given the new
values as if it had been read so, so what follows (listeners, the answer) sees the case as stored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from medflow.domain.engine import WorkflowEngine
from medflow.domain.errors import StaleVersion, _
from medflow.domain.inbox import inbox_group
from medflow.persistence.models import ActionItem, Case, CaseEvent
from medflow.services.case_history import Written, add_step
from medflow.services.hooks import case_event_added

STALE = _("The case was changed by someone else. Reload it and try again.")
CASE_DATA_FIELDS = ("answer", "outcome", "redirect", "risk_level")
CLOSING_FIELDS = ("answer", "outcome")  # cleared from the case (not the history) when it is reopened
ACTION_ITEM_FIELDS = ("problem", "solution", "owner", "due_date", "effect_check")


def state_due(engine: WorkflowEngine, state: str, now: datetime) -> datetime | None:
    """Return when a case entering `state` now is due, if it has a deadline (calendar or working days)."""
    return engine.definition.state(state).due_from(now)


# The columns an event may change, written by one statement built once (building it per event cost
# more than running it); a column the event leaves alone is written with the value it has.
CHANGED = ("state", "holder_id", "data", "meeting_date", "closed_at", "state_due_at", "inbox_group",
           "updated_at", "version")
_CASES = Case.__table__
_UPDATE_CASE = (update(_CASES).where(_CASES.c.id == bindparam("case_id"), _CASES.c.version == bindparam("was"))
                .values({name: bindparam(f"new_{name}") for name in CHANGED}))


def _changes(case: Case, engine: WorkflowEngine, new_state: str, dest: int, fields: dict,
             now: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the case's new column values (all of `CHANGED`) and the data for the history row.

    The case itself is not touched: it changes only once the guarded UPDATE has gone through.
    """
    recorded = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()
                if k != "comment"}
    data = dict(case.data or {})
    data.update({k: recorded[k] for k in CASE_DATA_FIELDS if k in recorded})
    meeting_date = fields["meeting_date"] if "meeting_date" in fields else case.meeting_date
    due = case.state_due_at
    if new_state != case.state or dest != case.holder_id:
        due = state_due(engine, new_state, now)
    final = engine.definition.is_final(new_state)
    closed_at = now if final else None
    if not final and engine.definition.is_final(case.state):  # reopened: the old answer is history now
        meeting_date = None
        data = {k: v for k, v in data.items() if k not in CLOSING_FIELDS}
    group = inbox_group(engine.definition.initial, new_state, meeting_date, closed_at)
    return dict(state=new_state, holder_id=dest, data=data, meeting_date=meeting_date, closed_at=closed_at,
                state_due_at=due, inbox_group=group, updated_at=now, version=case.version + 1), recorded


def _guarded_update(session: Session, case: Case, values: dict[str, Any]) -> None:
    """UPDATE the case row only if it is still at the version read; else raise StaleVersion."""
    done = session.connection().execute(
        _UPDATE_CASE, {"case_id": case.id, "was": case.version, **{f"new_{k}": v for k, v in values.items()}})
    if done.rowcount != 1:
        raise StaleVersion(STALE)
    holder_moved = values["holder_id"] != case.holder_id
    for key, value in values.items():
        set_committed_value(case, key, value)  # as read from the row: nothing left for a flush to write
    if holder_moved:
        session.expire(case, ["holder"])  # the relationship follows holder_id when next asked


def record(
    session: Session, case: Case, engine: WorkflowEngine, event: str, actor_id: int | None,
    new_state: str, dest: int, cleaned: dict[str, Any], now: datetime, extra: dict | None = None,
) -> Case:
    """Change the case, append the history row, run the hooks and commit (or raise StaleVersion)."""
    values, recorded = _changes(case, engine, new_state, dest, cleaned, now)
    try:
        from_state, from_holder = case.state, case.holder_id
        _guarded_update(session, case, values)
        if all(k in cleaned for k in ACTION_ITEM_FIELDS):
            case.action_items.append(ActionItem(**{k: cleaned[k] for k in ACTION_ITEM_FIELDS}, created_at=now))
        row = append_history(session, case, dict(
            actor_id=actor_id, event=event, from_state=from_state, to_state=new_state,
            from_committee_id=from_holder, to_committee_id=dest, comment=cleaned.get("comment"),
            data={**recorded, **(extra or {})}, created_at=now,
        ))
        case_event_added(session, case, row)
        session.commit()
    except (StaleVersion, StaleDataError, IntegrityError):
        # Someone else committed a change to this case first; ours is dropped whole.
        session.rollback()
        raise StaleVersion(STALE) from None
    return case


_NEXT_SEQ = (select(func.coalesce(func.max(CaseEvent.seq), 0) + 1)
             .where(CaseEvent.case_id == bindparam("of_case")).scalar_subquery())
_APPEND_HISTORY = insert(CaseEvent).values(seq=_NEXT_SEQ).returning(CaseEvent.id, CaseEvent.seq)


def append_history(session: Session, case: Case, values: dict[str, Any]) -> Written:
    """Insert the next history row in one statement (seq computed there); return its columns.

    A case whose history is loaded gets the row appended as a mapped row, joined to the session as if
    it had been read (no second INSERT can come of it); steps read by the event get it as a step. So
    an answer shows the whole history without reading it again. Otherwise no object is made: the
    listeners read the columns only.
    """
    row_id, seq = session.connection().execute(
        _APPEND_HISTORY, {"of_case": case.id, "case_id": case.id, **values}).one()
    row = Written(id=row_id, case_id=case.id, seq=seq, **values)
    if "history" in case.__dict__:
        mapped = CaseEvent(id=row_id, case_id=case.id, seq=seq, **values)
        make_transient_to_detached(mapped)
        session.add(mapped)
        set_committed_value(case, "history", [*case.history, mapped])
    add_step(session, case, row)
    return row
