"""Retention reaches every copy of a case's text: each text column of a table that refers to a case
is either emptied by the scrub or named as structured, read from the schema itself."""

from __future__ import annotations

from sqlalchemy import JSON, String, Text

from medflow.persistence.models import Base
from medflow.services.privacy.retention import SCRUBBED, STRUCTURED, WRITTEN_FOR_ALL


def case_tables() -> dict[str, set[str]]:
    """Return each table that refers to a case (or is the cases table) with its text and JSON columns."""
    found = {}
    for table in Base.metadata.sorted_tables:
        refers = table.name == "cases" or any(fk.column.table.name == "cases" for fk in table.foreign_keys)
        if refers:
            found[table.name] = {c.name for c in table.columns if isinstance(c.type, String | Text | JSON)}
    return found


def test_every_text_column_of_a_table_that_refers_to_a_case_is_scrubbed_or_structured():
    unaccounted = {f"{table}.{column}" for table, columns in case_tables().items() for column in columns
                   if column not in (*SCRUBBED.get(table, ()), *STRUCTURED.get(table, ()),
                                     *WRITTEN_FOR_ALL.get(table, ()))}
    assert unaccounted == set(), "add them to SCRUBBED (and scrub them) or STRUCTURED in retention.py"


def test_the_registry_names_only_columns_that_exist():
    tables = case_tables()
    named = {(t, c) for registry in (SCRUBBED, STRUCTURED, WRITTEN_FOR_ALL) for t, cs in registry.items()
             for c in cs}
    assert {(t, c) for t, c in named if c not in tables.get(t, set())} == set()


def test_the_meeting_items_copy_of_a_case_is_scrubbed():
    assert {"title", "minutes", "decision_data"} <= set(SCRUBBED["meeting_items"])
