"""Under `medflow run` and under gunicorn the Server header names neither Werkzeug nor Python."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys

import pytest


@pytest.fixture
def serve(tmp_path):
    """Start a server command on 127.0.0.1, port 0; yield a function that GETs a path from it."""
    started: list[subprocess.Popen] = []

    def start(args: list[str], ready: str):
        env = {**os.environ, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}",
               "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        started.append(proc)
        for line in proc.stdout:  # the server prints the port it was given
            if match := re.search(ready + r"http://127\.0\.0\.1:(\d+)", line):
                return int(match.group(1))
        raise AssertionError(f"{args[0]} did not start")

    def get(args: list[str], ready: str, path: str = "/login") -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", start(args, ready), timeout=30)
        conn.request("GET", path)
        return conn.getresponse()

    yield get
    for proc in started:
        proc.terminate()
        proc.wait(timeout=30)


def _headers(response) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in response.getheaders():
        found.setdefault(name.lower(), []).append(value)
    return found


def test_the_development_server_calls_itself_medflow(serve):
    medflow = [sys.executable, "-c", "from medflow.cli import main; main()"]  # what `medflow` runs
    response = serve([*medflow, "run", "--host", "127.0.0.1", "--port", "0"], r"Running on ")
    headers = _headers(response)
    assert response.status == 200
    assert headers["server"] == ["medflow"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"][0]


def test_gunicorn_names_only_itself(serve):
    gunicorn = [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "--workers", "1"]
    response = serve([*gunicorn, "medflow:create_app()"], r"Listening at: ")
    headers = _headers(response)
    assert response.status == 200
    assert headers["server"] == ["gunicorn"]
    assert headers["x-frame-options"] == ["DENY"] and headers["x-content-type-options"] == ["nosniff"]
