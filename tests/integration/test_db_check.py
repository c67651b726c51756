"""`medflow db check`: the migrated schema equals the models, and a difference fails the command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

MEDFLOW = str(Path(sys.executable).with_name("medflow"))


def medflow(url: str, *args: str) -> subprocess.CompletedProcess:
    """Run the installed `medflow` command against the database at `url`."""
    env = {**os.environ, "DATABASE_URL": url.replace("postgresql+psycopg://", "postgresql://")}
    return subprocess.run([MEDFLOW, *args], env=env, capture_output=True, text=True, timeout=120)


def test_db_check_passes_on_a_migrated_database_and_fails_on_a_difference(empty_database_url):
    assert medflow(empty_database_url, "db", "upgrade").returncode == 0
    ok = medflow(empty_database_url, "db", "check")
    assert ok.returncode == 0, ok.stderr
    assert "No new upgrade operations detected" in ok.stdout + ok.stderr
    engine = create_engine(empty_database_url)
    with engine.begin() as conn:  # a model change without a migration looks like this to Alembic
        conn.execute(text("DROP INDEX ix_cases_submitter_id"))
    engine.dispose()
    failed = medflow(empty_database_url, "db", "check")
    assert failed.returncode == 1
    assert "New upgrade operations detected" in failed.stderr
    assert "ix_cases_submitter_id" in failed.stderr
