"""`medflow serve`: several gunicorn workers write to one SQLite file; /healthz for the load balancer."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, select

from medflow.extensions import db
from medflow.persistence.models import Case, CaseEvent
from medflow.services.people.users import issue_token
from tests import factories
from tests.ops.conftest import migrated_app

CLIENTS, CASES_EACH = 6, 12


def _tokens(app) -> dict[str, str]:
    with app.app_context():
        factories.load_org(db.session)
        tokens = {who: issue_token(db.session, f"{who}@example.dk") for who in ("anna", "lene")}
        db.session.remove()
    return tokens


def _client_writes(base: str, tokens: dict[str, str], n: int) -> list[int]:
    """Submit n cases as Anna and accept each as Lene: two writes per case, as a browser would."""
    http = requests.Session()
    statuses = []
    for i in range(n):
        created = http.post(f"{base}/api/v1/cases", headers={"Authorization": f"Bearer {tokens['anna']}"},
                            json={"workflow": "question", "title": f"Spørgsmål {i}"})
        statuses.append(created.status_code)
        case = created.json()
        accepted = http.post(f"{base}/api/v1/cases/{case['id']}/events",
                             headers={"Authorization": f"Bearer {tokens['lene']}"},
                             json={"event": "accept", "version": case["version"]})
        statuses.append(accepted.status_code)
    return statuses


def test_several_gunicorn_workers_write_to_one_sqlite_file_without_locking_errors(tmp_path, serve):
    url = f"sqlite:///{tmp_path / 'medflow.db'}"
    app = migrated_app(url)
    tokens = _tokens(app)
    server = serve(url, workers=3)

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda _: _client_writes(server.base_url, tokens, CASES_EACH), range(CLIENTS)))

    statuses = [s for r in results for s in r]
    assert set(statuses) == {200, 201}, statuses
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == CLIENTS * CASES_EACH
        states = set(db.session.scalars(select(Case.state)))
        events = db.session.scalar(select(func.count()).select_from(CaseEvent))
        db.session.remove()
    assert events == 2 * CLIENTS * CASES_EACH
    assert states == {"accepted"}
    workers = {line.split("pid: ")[1].split(")")[0] for line in server.log if "Booting worker" in line}
    assert len(workers) == 3
    assert not [line for line in server.log if "locked" in line or "Traceback" in line]


def test_healthz_is_200_on_a_migrated_database(tmp_path):
    app = migrated_app(f"sqlite:///{tmp_path / 'medflow.db'}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.get_json()["migrations_current"] is True


def test_healthz_is_503_when_migrations_are_missing(app):
    """The test app's schema comes from create_all, so no Alembic revision is recorded."""
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert (body["database"], body["migrations_current"]) == (True, False)


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    from medflow import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/medflow.db"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {**response.get_json(), "database": False, "status": "unavailable"}
