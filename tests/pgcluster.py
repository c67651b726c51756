"""A throwaway PostgreSQL cluster on loopback, run as the postgres user (initdb refuses root)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _server_bin() -> Path:
    """Return MEDFLOW_PG_BIN, else the newest Debian PostgreSQL server's bin folder."""
    if configured := os.environ.get("MEDFLOW_PG_BIN"):
        return Path(configured)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/bin")


PG_BIN = _server_bin()


def _free_port() -> int:
    """Return a port that was free a moment ago (PostgreSQL cannot bind port 0 and tell us)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


START_ATTEMPTS = 5  # another process may take the port between our pick and the server's bind


def _as_postgres(*args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


def with_database(url: str, name: str) -> str:
    """Return `url` (a cluster's URL, see Cluster.database_url) naming database `name` instead."""
    base, query = url.split("?", 1)
    return f"{base.rsplit('/', 1)[0]}/{name}?{query}"


class Cluster:
    """Start with start(), stop and delete with stop(); url is a superuser URL."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="medflow-pg-"))
        self.port = _free_port()

    @property
    def url(self) -> str:
        """The superuser's URL of the `postgres` database."""
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        """Return the superuser's URL of database `name`, through the server's Unix socket: a round
        trip costs less than over TCP, and the tests send hundreds of thousands of them."""
        return f"postgresql+psycopg://postgres@/{name}?host={self.dir}&port={self.port}"

    def _run(self, *args: str) -> None:
        subprocess.run(_as_postgres(*args), check=True, capture_output=True, text=True)

    def start(self) -> Cluster:
        """Create and start the cluster (about a second)."""
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL server binaries not found in {PG_BIN}; run `make test`")
        self.dir.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = str(self.dir / "data")
        self._run(str(PG_BIN / "initdb"), "-D", data, "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-sync")
        for attempt in range(START_ATTEMPTS):
            try:
                self._serve(data)
                return self
            except subprocess.CalledProcessError:  # most likely the port was taken: pick another
                if attempt == START_ATTEMPTS - 1:
                    raise
                self.port = _free_port()
        return self

    def _serve(self, data: str) -> None:
        """Start the server on `self.port`, or raise CalledProcessError if it cannot."""
        # autovacuum off: statistics then never appear part-way through a run, so the planner sees the
        # same (empty) statistics in every test and the query-plan tests cannot change their verdict
        # with the timing of a background process (a merge join over a two-row table is not a finding)
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off")
        self._run(str(PG_BIN / "pg_ctl"), "-D", data, "-o", options, "-w", "-l",
                  str(self.dir / "log"), "start")

    def stop(self) -> None:
        """Stop the server and remove its files."""
        try:
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
