"""Realistic rows for any revision of the schema, and snapshots to compare them (migration tests).

Rows are written with SQLAlchemy Core against the tables as reflected at that revision: known
tables get medflow's realistic rows (cases at every state of every workflow with their history,
notifications, outbox, cascades); a column or table this file does not know (added by a later
revision) is filled by type, and a foreign key points at the first row of the table it refers to.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    Numeric,
    String,
    Time,
    func,
    select,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from medflow.config import data_dir
from medflow.domain.loader import load_workflows
from medflow.persistence.search import is_index_table

T0 = datetime(2024, 3, 4, 9, 30)
NEVER_SEEDED = {"alembic_version", "history_unlocks"}  # an unlock row never outlives its transaction
# SQLite's FTS5 table and its shadow tables: the index is written through its triggers, never by hand
NEVER_SEEDED |= {"search_fts", *(f"search_fts_{t}" for t in ("data", "idx", "docsize", "config", "content"))}


def _org() -> dict[str, list[dict[str, Any]]]:
    return {
        "levels": [{"id": 1, "key": "kommune", "name": "KommuneMED", "rank": 0},
                   {"id": 2, "key": "omraade", "name": "OmrådeMED", "rank": 1},
                   {"id": 3, "key": "lokal", "name": "LokalMED", "rank": 2}],
        "committees": [
            {"id": 1, "key": "kommunemed", "name": "KommuneMED", "level_id": 1, "parent_id": None},
            {"id": 2, "key": "omr-born", "name": "OmrådeMED Børn og Unge", "level_id": 2, "parent_id": 1},
            {"id": 3, "key": "lok-skole", "name": "LokalMED Skole", "level_id": 3, "parent_id": 2,
             "kind": "lokal", "description": "Skolens MED-udvalg"}],
        "people": [
            {"id": 1, "email": "anna@example.dk", "name": "Anna Jensen", "workplace_id": 3},
            {"id": 2, "email": "lene@example.dk", "name": "Lene Leder", "workplace_id": 3,
             "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "language": "da"},
            {"id": 3, "email": "ole@example.dk", "name": "Ole Områdechef", "workplace_id": 2},
            {"id": 4, "email": "admin@example.dk", "name": "Ada Admin", "workplace_id": 1,
             "is_admin": True, "active": False, "email_opt_out": True}],
        "memberships": [{"id": 1, "person_id": 2, "committee_id": 3, "role": "chair"},
                        {"id": 2, "person_id": 3, "committee_id": 2, "role": "chair"},
                        {"id": 3, "person_id": 1, "committee_id": 3, "role": "amr"}],
        "api_tokens": [{"id": 1, "person_id": 1, "token_hash": "a" * 64, "prefix": "mf_abc1234",
                        "created_at": T0, "revoked_at": T0 + timedelta(days=3)}],
    }


def _case(case_id: int, workflow, state: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return a case in `state` and its history: submitted, then the event that led there."""
    final = workflow.is_final(state)
    submitter = 3 if workflow.name == "cascade" else 1
    created = T0 + timedelta(hours=case_id)
    case = {"id": case_id, "workflow": workflow.name, "topic": "stoej" if case_id % 2 else None,
            "title": f"Støj i kantinen nr. {case_id}", "description": "Larmen gør det svært at tale sammen.",
            "confidential": case_id % 3 == 0, "state": state, "holder_id": 3, "submitter_id": submitter,
            "origin_id": 3, "data": {"answer": "Lyddæmpning", "outcome": "decision"} if final else {},
            "meeting_date": date(2024, 4, 2) if state == "scheduled" else None,
            "state_due_at": None if final else created + timedelta(days=14), "created_at": created,
            "updated_at": created + timedelta(days=1),
            "closed_at": created + timedelta(days=1) if final else None,
            "version": 2 if state != workflow.initial else 1}
    history = [{"case_id": case_id, "seq": 1, "actor_id": submitter, "event": "submit", "from_state": None,
                "to_state": workflow.initial, "from_committee_id": None, "to_committee_id": 3,
                "comment": None, "data": {}, "created_at": created}]
    if state != workflow.initial:
        event = next((t.trigger for t in workflow.transitions if t.dest == state), "accept")
        history.append({"case_id": case_id, "seq": 2, "actor_id": 2, "event": event,
                        "from_state": workflow.initial, "to_state": state, "from_committee_id": 3,
                        "to_committee_id": 3, "comment": "Vi tager det på næste møde æøå",
                        "data": {"answer": "Ja"} if final else {}, "created_at": created + timedelta(days=1)})
    return case, history


def realistic_rows() -> dict[str, list[dict[str, Any]]]:
    """Return rows for every table medflow knows, keyed by table name."""
    rows = _org()
    rows["cases"], rows["case_events"] = [], []
    workflows = load_workflows(data_dir("workflows"))
    for workflow in sorted(workflows.values(), key=lambda w: w.name):
        for state in workflow.states:
            case, history = _case(len(rows["cases"]) + 1, workflow, state.name)
            rows["cases"].append(case)
            rows["case_events"] += history
    for number, event in enumerate(rows["case_events"], start=1):
        event["id"] = number
    work = next(c["id"] for c in rows["cases"] if c["workflow"] == "work_environment")
    cascade = next(c["id"] for c in rows["cases"] if c["workflow"] == "cascade")
    rows["action_items"] = [{"id": 1, "case_id": work, "problem": "Støj", "solution": "Lydabsorbenter",
                             "owner": "Lene Leder", "due_date": date(2024, 5, 1), "effect_check": "Ny måling",
                             "created_at": T0}]
    rows["notifications"] = [{"id": c["id"], "person_id": 2, "case_id": c["id"], "case_event_id": c["id"],
                              "kind": "submit", "data": {"committee": "LokalMED Skole"}, "created_at": T0,
                              "read_at": T0 if c["id"] % 2 else None} for c in rows["cases"]]
    rows["outbox"] = [{"id": 1, "recipient": "lene@example.dk", "subject": "[MED] Sag 1: Støj",
                       "body": "Kære Lene\n\nEn ny sag.", "created_at": T0, "attempts": 1,
                       "next_attempt_at": T0, "sent_at": T0},
                      {"id": 2, "recipient": "ole@example.dk", "subject": "[MED] Sag 2", "body": "Hej Ole",
                       "created_at": T0, "attempts": 3, "next_attempt_at": T0 + timedelta(minutes=4),
                       "last_error": "connection refused"}]
    rows["sent_reminders"] = [{"id": 1, "key": "case:1:submitted:3:before", "case_id": 1, "kind": "before",
                               "due_at": T0 + timedelta(days=14), "sent_at": T0 + timedelta(days=11)}]
    rows["sent_on"] = [{"committee_id": 3, "case_id": 1, "sent_at": T0 + timedelta(days=1), "closed_at": None}]
    rows["cascades"] = [{"id": 1, "committee_id": 2, "publisher_id": 3, "kind": "decision",
                         "title": "Ny sygefraværspolitik", "body": "Politikken gælder fra 1. maj.",
                         "due_date": date(2024, 5, 1), "internal": False, "created_at": T0}]
    rows["cascade_receipts"] = [{"id": 1, "cascade_id": 1, "case_id": cascade, "committee_id": 3,
                                 "via_case_id": None}]
    return rows


def _generated(column, index: int, conn: Connection) -> Any:
    """Return a value for a required column this file does not know, by its type."""
    if column.foreign_keys:  # the index-th row it may point at, so rows with a unique reference differ
        target = next(iter(column.foreign_keys)).column
        found = conn.execute(select(target).order_by(target).offset(index - 1).limit(1)).scalar()
        return found if found is not None else conn.execute(select(target).order_by(target).limit(1)).scalar()
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, DateTime):
        return T0 + timedelta(minutes=index)
    if isinstance(kind, Time):
        return time(8 + index % 10, 30)
    if isinstance(kind, Date):
        return date(2024, 3, 4) + timedelta(days=index)
    if isinstance(kind, Integer | Numeric | Float):  # Float is no Numeric in SQLAlchemy 2.1
        return index
    if isinstance(kind, JSON):
        return {}
    length = getattr(kind, "length", None) if isinstance(kind, String) else None
    return f"{column.name}-{index}"[: length or 1000]


def _complete(table, row: dict[str, Any], index: int, conn: Connection, named: set[str]) -> dict[str, Any]:
    """Keep the row's values for columns that exist now; fill the required ones and those `named`."""
    done = {k: v for k, v in row.items() if k in table.c}
    for column in table.c:
        needed = not column.nullable and column.server_default is None and not (
            column.primary_key and isinstance(column.type, Integer))
        if column.name not in done and (needed or column.name in named):
            done[column.name] = None if column.nullable else _generated(column, index, conn)
    return done


def _rows_for(table, rows: list[dict[str, Any]], conn: Connection) -> list[dict[str, Any]]:
    """Return the rows completed, all with the same columns (one executemany)."""
    named = {k for row in rows for k in row if k in table.c}
    return [_complete(table, row, i + 1, conn, named) for i, row in enumerate(rows)]


def seed(engine: Engine) -> list[str]:
    """Insert rows into every table that exists and is still empty; return the tables seeded."""
    metadata, known, seeded = MetaData(), realistic_rows(), []
    metadata.reflect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if table.name in NEVER_SEEDED or conn.execute(select(func.count()).select_from(table)).scalar():
                continue
            rows = known.get(table.name) or [{}, {}]
            conn.execute(table.insert(), _rows_for(table, rows, conn))
            seeded.append(table.name)
    return seeded


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Return every row of every table (except Alembic's and the full-text index's storage, whose
    segments a rebuild rewrites: `fts_agrees` checks that index), ordered by primary key."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        return {t.name: [dict(r._mapping) for r in conn.execute(
            select(t).order_by(*(t.primary_key.columns or t.c)))]
            for t in metadata.sorted_tables if t.name != "alembic_version" and not is_index_table(t.name)}


def fts_agrees(engine: Engine) -> bool:
    """Tell whether SQLite's full-text index holds exactly the terms of the search documents."""
    with engine.connect() as conn:
        try:
            conn.exec_driver_sql("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        except DBAPIError:
            return False
    return True


# Columns a migration fills at upgrade time with a fresh value (a random session token, an expiry counted
# from the day of the upgrade): upgrading a second time gives new values, which are compared for presence.
REGENERATED = {"people": {"session_token"}, "api_tokens": {"expires_at"}}


def without_regenerated(rows: dict[str, list[dict[str, Any]]]) -> dict:
    """Return `rows` with the regenerated columns replaced by whether they hold a value."""
    return {name: [{k: (v is not None if k in REGENERATED.get(name, ()) else v) for k, v in row.items()}
                   for row in table] for name, table in rows.items()}


def projected(rows: dict[str, list[dict[str, Any]]], like: dict[str, list[dict[str, Any]]]) -> dict:
    """Return `rows` limited to the tables and columns that `like` has (what an older revision held)."""
    return {name: [{k: row.get(k) for k in (old[0] if old else {})} for row in rows.get(name, [])]
            for name, old in like.items()}
