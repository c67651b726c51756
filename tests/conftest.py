"""Shared fixtures: an app per test on SQLite and (when asked) PostgreSQL, and API clients."""

from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy import create_engine, text

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
    url = cluster.url.rsplit("/", 1)[0] + "/medflow_test"
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
_PROBES: dict[str, tuple] = {}  # url: (engine, the query naming the tables a test used)


def _probe(url: str) -> tuple:
    """Return an engine and one query naming the tables with rows or whose id sequence moved (a
    rolled-back insert takes an id too): built once per database from its catalogue."""
    if url not in _PROBES:
        engine = create_engine(url, pool_size=1)  # one connection kept: a new one is a server process
        with engine.connect() as conn:
            sequences = dict(conn.execute(_SEQUENCES).all())
        parts = [f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM {t.name})"
                 + (f" OR (SELECT is_called FROM {sequences[t.name]})" if t.name in sequences else "")
                 for t in Base.metadata.sorted_tables]
        _PROBES[url] = engine, text(" UNION ALL ".join(parts))
    return _PROBES[url]


def _truncate(url: str) -> None:
    """Empty the tables a test used and restart their ids (each test sees ids from 1); a TRUNCATE of
    every table cost tens of milliseconds a test."""
    engine, used_tables = _probe(url)
    with engine.begin() as conn:
        used = conn.execute(used_tables).scalars().all()
        if used:
            conn.execute(text(f"TRUNCATE {', '.join(used)} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path):
    """Yield an empty database with the schema: a copy of the SQLite template in a temp dir, or the
    PostgreSQL one emptied."""
    if request.param == "sqlite":
        path = tmp_path / "medflow.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_url")
    _truncate(url)
    yield url


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
