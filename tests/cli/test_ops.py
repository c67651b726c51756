"""`medflow backup` and `medflow restore`: an online backup taken during writes restores whole."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, select, text

from medflow import create_app
from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import Case, CaseEvent, Person
from medflow.services.cases import NewCase, submit_case
from medflow.workflows import engines
from tests import factories
from tests.pgcluster import with_database

RESTORED_PG = "medflow_restored"


def _submit(n: int, title: str) -> None:
    anna = db.session.scalar(select(Person).where(Person.email == "anna@example.dk"))
    for i in range(n):
        submit_case(db.session, engines(), anna, NewCase("question", f"{title} {i}", "Stolene er slidte."))


class Writer(threading.Thread):
    """Submit cases until told to stop; `started` is set once some are written."""

    def __init__(self, app) -> None:
        super().__init__(daemon=True)
        self.app, self.started, self.stop, self.written = app, threading.Event(), threading.Event(), 0

    def run(self) -> None:
        with self.app.app_context():
            while not self.stop.is_set():
                _submit(1, "Under backup")
                self.written += 1
                if self.written == 5:
                    self.started.set()
            db.session.remove()


def _rows(url: str) -> tuple[list, list]:
    engine = create_engine(url)
    with engine.connect() as conn:
        cases = [tuple(r) for r in conn.execute(select(Case.__table__).order_by(Case.id))]
        events = [tuple(r) for r in conn.execute(select(CaseEvent.__table__).order_by(CaseEvent.id))]
    engine.dispose()
    return cases, events


@pytest.fixture
def empty_url(database_url, tmp_path):
    """Return the URL of a second, empty database of the same kind."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    admin = create_engine(with_database(database_url, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {RESTORED_PG}"))
        conn.execute(text(f"CREATE DATABASE {RESTORED_PG}"))
    yield with_database(database_url, RESTORED_PG)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {RESTORED_PG} WITH (FORCE)"))
    admin.dispose()


def _invoke(url: str, *args: str):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "ops-secret"})
    runner = app.test_cli_runner()
    return runner.invoke(cli, list(args), obj=_script_info(app))


def _script_info(app):
    from flask.cli import ScriptInfo

    return ScriptInfo(create_app=lambda: app)


def test_backup_during_writes_restores_every_case_and_history_row(app, database_url, empty_url, tmp_path):
    with app.app_context():
        factories.load_org(db.session)
        _submit(20, "Før backup")
    writer = Writer(app)
    writer.start()
    assert writer.started.wait(timeout=60)
    backup_file = tmp_path / "medflow.backup"
    written_before = writer.written

    made = _invoke(database_url, "backup", str(backup_file))
    writer.stop.set()
    writer.join(timeout=60)
    restored = _invoke(empty_url, "restore", str(backup_file))

    assert made.exit_code == 0, made.output
    assert restored.exit_code == 0, restored.output
    source_cases, source_events = _rows(database_url)
    cases, events = _rows(empty_url)
    assert len(cases) >= 20 + written_before >= 25
    assert cases == source_cases[:len(cases)]  # a consistent snapshot: a prefix of what was written
    assert events == [e for e in source_events if e[1] <= cases[-1][0]]  # every restored case's history


def test_a_quiet_backup_restores_exactly(app, database_url, empty_url, tmp_path):
    with app.app_context():
        factories.load_org(db.session)
        _submit(7, "Stille")
    backup_file = tmp_path / "medflow.backup"

    assert _invoke(database_url, "backup", str(backup_file)).exit_code == 0
    assert _invoke(empty_url, "restore", str(backup_file)).exit_code == 0

    assert _rows(empty_url) == _rows(database_url)
    assert len(_rows(empty_url)[1]) == 7


def test_restore_refuses_a_database_that_has_data(app, database_url, tmp_path):
    with app.app_context():
        factories.load_org(db.session)
    backup_file = tmp_path / "medflow.backup"
    assert _invoke(database_url, "backup", str(backup_file)).exit_code == 0

    result = _invoke(database_url, "restore", str(backup_file))

    assert result.exit_code == 1
    assert "not empty" in result.output and "--replace" in result.output


def test_restore_refuses_a_file_that_is_no_backup(app, database_url, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")

    result = _invoke(database_url, "restore", str(junk))

    assert result.exit_code == 1
    assert "neither a medflow SQLite backup nor a PostgreSQL" in result.output
