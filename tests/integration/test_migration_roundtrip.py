"""Every migration keeps every row: up from the previous revision, down again and up again."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from medflow import create_app
from medflow.extensions import db
from tests.migration_data import projected, seed, snapshot, without_regenerated


def revision_chain(app) -> list[str]:
    """Return the Alembic revisions from the first to the head, in order."""
    script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    return [r.revision for r in reversed(list(script.walk_revisions("base", "heads")))]


def _step(engine, previous: str, following: str) -> None:
    """Seed what is empty, then go up, down and up again; every row must stay as it was."""
    before = snapshot(engine)
    upgrade(revision=following)
    after = snapshot(engine)
    assert projected(after, before) == before, f"rows changed by upgrading to {following}"
    downgrade(revision=previous)
    assert snapshot(engine) == before, f"rows changed by downgrading {following} to {previous}"
    upgrade(revision=following)
    again = without_regenerated(snapshot(engine))
    assert again == without_regenerated(after), f"rows changed by upgrading to {following} a second time"


def test_every_revision_keeps_every_row_up_down_and_up_again(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        chain = revision_chain(app)
        assert len(chain) >= 3
        upgrade(revision=chain[0])
        seeded = []
        for previous, following in zip(chain, chain[1:], strict=False):
            seeded += seed(db.engine)
            _step(db.engine, previous, following)
        seeded += seed(db.engine)
        rows = snapshot(db.engine)
        with db.engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text("UPDATE case_events SET comment = 'omskrevet'"))  # the trigger survived
        db.engine.dispose()
    assert {"cases", "case_events", "notifications", "outbox", "cascades"} <= set(seeded)
    states = {(c["workflow"], c["state"]) for c in rows["cases"]}
    assert ("question", "resolved") in states and ("work_environment", "follow_up") in states
    assert len(rows["case_events"]) > len(rows["cases"])


def test_a_downgrade_below_data01_with_anonymised_cases_stops_and_changes_nothing(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="data01")
        seed(db.engine)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE cases SET submitter_id = NULL, anonymised_at = created_at WHERE id = 1"))
        before = snapshot(db.engine)
        config = app.extensions["migrate"].migrate.get_config()  # Alembic itself, to see the error
        with pytest.raises(RuntimeError, match="1 anonymised case"):
            command.downgrade(config, "108b7654b5c4")
        after = snapshot(db.engine)
        with db.engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            with pytest.raises(DBAPIError, match="append-only"):
                conn.execute(text("DELETE FROM case_events"))
        db.engine.dispose()
    assert after == before and version == "data01"
