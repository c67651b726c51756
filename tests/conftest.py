"""Shared fixtures: an app per test on SQLite and (when asked) PostgreSQL, and API clients."""

from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy import Engine, create_engine, text

os.environ.setdefault("SECRET_KEY", "test-secret-key")

from medflow import create_app  # noqa: E402
from medflow.extensions import db  # noqa: E402
from medflow.persistence.models import Base  # noqa: E402
from tests import factories  # noqa: E402
from tests.pgcluster import Cluster  # noqa: E402

DATABASES = [d for d in os.environ.get("MEDFLOW_TEST_DATABASES", "sqlite").split(",") if d]
# The longest tests (tens of seconds each) start first, so that parallel workers (`make test`) do not
# end with one worker finishing a long test while the other waits.
SLOW_FIRST = ("tests/e2e/", "test_api_fuzz.py", "test_visibility_property.py", "test_loader_fuzz.py",
              "test_demo_crawl.py")


def pytest_collection_modifyitems(items):
    """Move the longest tests to the front (a stable sort: the same order on every worker)."""
    items.sort(key=lambda item: not any(part in item.nodeid for part in SLOW_FIRST))


@pytest.fixture(scope="session")
def pg_url():
    """Start a throwaway PostgreSQL cluster with the schema, once per test session."""
    cluster = Cluster().start()
    engine = create_engine(cluster.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("CREATE DATABASE medflow_test"))
    engine.dispose()
    url = cluster.database_url("medflow_test")
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    yield url
    cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """Create the schema once per session (per xdist worker) in a SQLite file that tests copy."""
    path = tmp_path_factory.mktemp("schema") / "template.db"
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    engine.dispose()
    return path


_SEQUENCES = text("SELECT t.relname, s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid "
                  "JOIN pg_class t ON t.oid = d.refobjid WHERE s.relkind = 'S' AND d.deptype IN ('a', 'i')")
# After this many emptyings by DELETE a worker truncates every table once, so that the dead rows DELETE
# leaves behind (autovacuum is off) never pile up into slower scans.
DELETES_BETWEEN_TRUNCATES = 50


class _Emptier:
    """Empties a PostgreSQL test database between tests, cheaply.

    One query names the tables with rows or whose id sequence moved (a rolled-back insert takes an
    id too). Those are emptied by DELETE with triggers and foreign keys off (the superuser's
    `session_replication_role = replica`; the history's append-only trigger included) and their ids
    restarted: about 10 ms, against 70-100 ms for a TRUNCATE, which makes new files for each table
    and index. A TRUNCATE of every table still runs every DELETES_BETWEEN_TRUNCATES tests, and before
    each test marked `fresh_tables` (the query-plan tests: the planner's estimates read the size of
    the files, which a DELETE leaves as they were).
    """

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, pool_size=1)  # one connection kept: a new one is a server process
        with self.engine.connect() as conn:
            self.sequences = dict(conn.execute(_SEQUENCES).all())
        parts = [f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM {t.name})"
                 + (f" OR (SELECT is_called FROM {self.sequences[t.name]})" if t.name in self.sequences else "")
                 for t in Base.metadata.sorted_tables]
        self.used_tables = text(" UNION ALL ".join(parts))
        self.all_tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        self.deletes = 0

    def empty(self, fresh_files: bool) -> None:
        """Empty the tables the last test used and restart their ids (each test sees ids from 1)."""
        with self.engine.begin() as conn:
            if fresh_files or self.deletes >= DELETES_BETWEEN_TRUNCATES:
                conn.execute(text(f"TRUNCATE {self.all_tables} RESTART IDENTITY CASCADE"))
                self.deletes = 0
                return
            used = conn.execute(self.used_tables).scalars().all()
            if not used:
                return
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for table in used:
                conn.execute(text(f"DELETE FROM {table}"))
                if table in self.sequences:
                    conn.execute(text(f"SELECT setval('{self.sequences[table]}', 1, false)"))
            self.deletes += 1


_EMPTIERS: dict[str, _Emptier] = {}


def _empty(url: str, fresh_files: bool) -> None:
    if url not in _EMPTIERS:
        _EMPTIERS[url] = _Emptier(url)
    _EMPTIERS[url].empty(fresh_files)


@pytest.fixture(params=DATABASES)
def database_url(request):
    """Yield an empty database with the schema: a copy of the SQLite template, or the PostgreSQL
    one emptied (each worker uses the same URL in every test, see `_kept_engine`)."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = template.with_name("medflow.db")  # the same file for every test of this worker
        for engine in _ENGINES.values():
            engine.dispose()  # a test that ended with a connection open: closed before the file goes
        for leftover in (path, path.with_name("medflow.db-wal"), path.with_name("medflow.db-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(template, path)
        KEPT_URLS.add(f"sqlite:///{path}")
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_url")
    KEPT_URLS.add(url)
    _empty(url, fresh_files=request.node.get_closest_marker("fresh_tables") is not None)
    yield url


# Each worker keeps one engine per standard test database (PostgreSQL's, and SQLite's file at one path
# per worker, copied afresh before each test): an engine keeps the SQL it compiled, and compiling every
# statement again in each test's new engine cost about a tenth of the run. Each test still disposes of
# the engine's connections at its end, so no session state or lock passes to the next test.
KEPT_URLS: set[str] = set()
_ENGINES: dict[str, Engine] = {}
_make_engine = db._make_engine


def _kept_engine(bind_key: str | None, options: dict, app) -> Engine:
    """Return the worker's engine for a standard test database (a new one for any other URL)."""
    if str(options["url"]) not in KEPT_URLS:
        return _make_engine(bind_key, options, app)
    key = repr(sorted((k, str(v)) for k, v in options.items()))
    if key not in _ENGINES:
        _ENGINES[key] = _make_engine(bind_key, options, app)
    return _ENGINES[key]


db._make_engine = _kept_engine


@pytest.fixture
def app(database_url):
    """Return a fresh app bound to the test database, with the schema created."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                      "SECRET_KEY": "test-secret-key"})
    yield app
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def session(app):
    """Return the app's database session inside an app context."""
    with app.app_context():
        yield db.session


@pytest.fixture
def org(app):
    """Load the small three-level test organisation and return its people by short name."""
    with app.app_context():
        return factories.load_org(db.session)


@pytest.fixture
def api(app, org):
    """Return a factory of API clients: api('anna') acts as Anna with her own token."""
    return factories.ApiClients(app)
