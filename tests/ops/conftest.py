"""Fixtures for operations tests: a migrated database file and `medflow serve` as a real process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask_migrate import upgrade

from medflow import create_app
from medflow.extensions import db

MEDFLOW = str(Path(sys.executable).parent / "medflow")
LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")


def migrated_app(url: str):
    """Return an app on `url` whose schema was built by the migrations, as in production."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "ops-secret"})
    with app.app_context():
        upgrade()
        db.session.remove()
    return app


class Served:
    """`medflow serve` in a child process; its log lines are collected by a reader thread."""

    def __init__(self, url: str, workers: int) -> None:
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "ops-secret", "MAIL_SEND_ON_COMMIT": "0"}
        self.proc = subprocess.Popen(
            [MEDFLOW, "serve", "--bind", "127.0.0.1:0", "--workers", str(workers), "--no-access-log"],
            env=env, stderr=subprocess.PIPE, text=True)
        self.log: list[str] = []
        self.base_url = self._wait_for_address()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _wait_for_address(self) -> str:
        for line in self.proc.stderr:
            self.log.append(line)
            if match := LISTENING.search(line):
                return match.group(1)
        raise AssertionError("medflow serve stopped before listening:\n" + "".join(self.log))

    def _drain(self) -> None:
        for line in self.proc.stderr:
            self.log.append(line)

    def stop(self) -> None:
        """Stop gunicorn (SIGTERM: a graceful shutdown) and wait for it."""
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.reader.join(timeout=10)


@pytest.fixture
def serve() -> Iterator:
    """Return serve(url, workers): start `medflow serve` on a free port; stopped after the test."""
    started: list[Served] = []

    def start(url: str, workers: int = 3) -> Served:
        served = Served(url, workers)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()
