"""A real OpenID Connect provider (tests/oidc/provider.mjs under Node) and medflow beside it, on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

from medflow import create_app
from medflow.extensions import db
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID, CLIENT_SECRET = "medflow", "medflow-test-secret"


class Provider:
    """`node provider.mjs` in a child process; `issuer` is read from its READY line."""

    def __init__(self, redirect_uri: str, tamper: dict | None = None, bad_signature: bool = False,
                 clock_offset: int = 0, id_token_ttl: int | None = None) -> None:
        env = {**os.environ, "REDIRECT_URI": redirect_uri, "CLIENT_ID": CLIENT_ID,
               "CLIENT_SECRET": CLIENT_SECRET}
        if tamper:
            env["TAMPER_CLAIMS"] = json.dumps(tamper)
        if bad_signature:
            env["BAD_SIGNATURE"] = "1"
        if clock_offset:
            env["CLOCK_OFFSET"] = str(clock_offset)
        if id_token_ttl:
            env["IDTOKEN_TTL"] = str(id_token_ttl)
        self.proc = subprocess.Popen(["node", str(SCRIPT)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.log: list[str] = []
        self.issuer = self._ready()
        threading.Thread(target=self._drain, daemon=True).start()

    def _ready(self) -> str:
        for line in self.proc.stdout:
            self.log.append(line)
            if line.startswith("READY "):
                return line.split()[1]
        raise AssertionError("the OpenID Connect provider did not start:\n" + "".join(self.log))

    def _drain(self) -> None:
        for line in self.proc.stdout:
            self.log.append(line)

    def stop(self) -> None:
        """Stop the provider."""
        self.proc.terminate()
        self.proc.wait(timeout=10)


class _Later:
    """A WSGI app that forwards to the medflow app once it exists (the port must be known first)."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


class SsoSite:
    """medflow on a free port, configured for the provider; the test organisation is loaded."""

    def __init__(self, database_url: str, config: dict[str, Any] | None = None, **provider_options) -> None:
        self.dispatch = _Later()
        self.server = make_server("127.0.0.1", 0, self.dispatch, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.provider = Provider(f"{self.url}/login/sso/callback", **provider_options)
        self.app = create_app({
            "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "sso-secret", "MAIL_SEND_ON_COMMIT": False,
            "OIDC_ISSUER": self.provider.issuer, "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET, **(config or {})})
        with self.app.app_context():
            if database_url.startswith("sqlite"):
                db.create_all()
            factories.load_org(db.session)
            db.session.remove()
        self.dispatch.app = self.app
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop medflow and the provider."""
        self.server.shutdown()
        self.thread.join()
        self.provider.stop()
        with self.app.app_context():
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()
