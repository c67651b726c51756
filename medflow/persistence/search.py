"""The search index: one row per findable thing (today a case) with its text stemmed, and the database's
own full-text index over those stems.

`search_documents` is an ordinary table (so retention's reach test sees it and a backup holds it);
what each database searches with is added by DDL, here for `create_all` and in the migration:
- SQLite: an FTS5 table `search_fts` over the stems (external content: the stems live once, in
  `search_documents`), kept equal to it by triggers;
- PostgreSQL: a generated `tsvector` column `terms` with a GIN index, built with the `simple`
  configuration from the stems medflow made. Not `danish`: then PostgreSQL would stem and drop stop
  words its own way while SQLite and the snippets use PyStemmer's, and the two databases would find
  different cases for the same words. The stems are already Danish; `simple` only lower-cases them.
`kind` and `ref_id` say what a row is (a case, an agenda item, an item's approved minutes, a news story,
a cascade: `services.search.kinds`); `source_id` is what it is rebuilt from (a meeting, a cascade).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, ForeignKey, Index, Integer, String, Text, UniqueConstraint, delete, event, false
from sqlalchemy.orm import Mapped, Session, mapped_column

from medflow.persistence.base import Base, UTCDateTime, utcnow

CASE = "case"


class SearchDocument(Base):
    """A findable thing: its text as shown (for snippets) and as searched (stems), and what filters use."""

    __tablename__ = "search_documents"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),
                      Index("ix_search_documents_source", "kind", "source_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    ref_id: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)  # whose visibility rules
    source_id: Mapped[int | None] = mapped_column(Integer)  # the meeting or cascade it is rebuilt from
    # its page shows it beyond the committee (minutes published to the workplaces below)
    public: Mapped[bool] = mapped_column(default=False, server_default=false())
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"))
    topic: Mapped[str | None] = mapped_column(String(80))
    state: Mapped[str | None] = mapped_column(String(40))
    year: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    title_terms: Mapped[str] = mapped_column(Text, default="")
    body_terms: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


FTS = "search_fts"
_COLUMNS = "title_terms, body_terms"
_FTS_DELETE = (f"INSERT INTO {FTS}({FTS}, rowid, {_COLUMNS}) "
               "VALUES ('delete', old.id, old.title_terms, old.body_terms);")
_FTS_INSERT = f"INSERT INTO {FTS}(rowid, {_COLUMNS}) VALUES (new.id, new.title_terms, new.body_terms);"
SQLITE = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({_COLUMNS}, content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN {_FTS_INSERT} END",
    f"CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN {_FTS_DELETE} END",
    # only when the terms change: every case event updates its document's state and committee
    f"CREATE TRIGGER search_documents_au AFTER UPDATE OF {_COLUMNS} ON search_documents "
    f"BEGIN {_FTS_DELETE} {_FTS_INSERT} END",
)
POSTGRESQL = (
    "ALTER TABLE search_documents ADD COLUMN terms tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED",
    "CREATE INDEX ix_search_documents_terms ON search_documents USING gin (terms)",
)
DROP_SQLITE = (*(f"DROP TRIGGER IF EXISTS search_documents_{t}" for t in ("ai", "ad", "au")),
               f"DROP TABLE IF EXISTS {FTS}")
REBUILD_SQLITE = f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')"
# What the DDL adds beside the models: Alembic's comparison leaves it alone (migrations/env.py).
EXTRA_COLUMNS = {("search_documents", "terms")}
EXTRA_INDEXES = {"ix_search_documents_terms"}

for _dialect, _statements in (("sqlite", SQLITE), ("postgresql", POSTGRESQL)):
    for _sql in _statements:
        event.listen(SearchDocument.__table__, "after_create", DDL(_sql).execute_if(dialect=_dialect))
event.listen(SearchDocument.__table__, "before_drop", DDL(DROP_SQLITE[-1]).execute_if(dialect="sqlite"))


def is_index_table(name: str) -> bool:
    """Return whether a table is the FTS5 table or one of its shadow tables (SQLite makes them)."""
    return name == FTS or name.startswith(f"{FTS}_")


def outside_the_models(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic `include_object`: False for what only the DDL above makes, so it is never dropped."""
    if type_ == "table" and is_index_table(name):
        return False
    if type_ == "column" and reflected and (obj.table.name, name) in EXTRA_COLUMNS:
        return False
    return not (type_ == "index" and name in EXTRA_INDEXES)


def outside_the_models_name(name, type_, parent_names) -> bool:
    """Alembic `include_name`: skip the FTS tables before they are reflected."""
    return not (type_ == "table" and name and is_index_table(name))


def forget_case(session: Session, case_id: int) -> None:
    """Remove a case from the index with every document about it (its agenda items and their minutes):
    after anonymisation its words must find nothing, nor show in any snippet."""
    session.execute(delete(SearchDocument).where(SearchDocument.case_id == case_id))
