"""Requests per second and p95 under gunicorn (several workers): the inbox vs a constant endpoint.

gunicorn serves `medflow:create_app()` on 127.0.0.1 (port 0: the kernel picks one); a few client
threads in this process send requests over fresh connections (gunicorn's sync workers close
each one). The constant endpoint is `GET /api/v1/workflows`: the same token check as the inbox
API, an answer that does not depend on how many cases there are. After 10,000 requests in all,
the workers' resident memory is read from /proc.
"""

from __future__ import annotations

import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WORKERS = 2
CLIENTS = 4
TOTAL_REQUESTS = 10_000


def start(url: str, env: dict) -> tuple[subprocess.Popen, int]:
    """Start gunicorn on `url`'s database; return the process and the port it listens on."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [str(gunicorn), "--workers", str(WORKERS), "--bind", "127.0.0.1:0", "--log-level", "info",
         "medflow:create_app()"],
        env={**os.environ, **env, "DATABASE_URL": url, "MAIL_SEND_ON_COMMIT": "0"},
        stderr=subprocess.PIPE, text=True)
    port, booted = None, 0
    for line in proc.stderr:  # "Listening at: http://127.0.0.1:PORT", then one "Booting worker" each
        if found := re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line):
            port = int(found.group(1))
        booted += "Booting worker" in line
        if port and booted == WORKERS:
            break
    if port is None:
        proc.kill()
        raise RuntimeError("gunicorn did not start")
    threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep its log pipe from filling up
    return proc, port


def _get(port: int, path: str, headers: dict) -> float:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return (time.perf_counter() - start) * 1e3


def _send(port: int, path: str, headers: dict, requests: int) -> tuple[list[float], float]:
    """Send `requests` GETs from CLIENTS threads; return their times in ms and the seconds taken."""
    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        samples = list(pool.map(lambda _i: _get(port, path, headers), range(requests)))
    return samples, time.perf_counter() - start


def _figures(samples: list[float], seconds: float) -> dict:
    cuts = statistics.quantiles(samples, n=20)
    return {"rps": round(len(samples) / seconds), "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(cuts[18], 1), "requests": len(samples)}


def compare(port: int, paths: dict[str, str], headers: dict, requests: int, batch: int = 100) -> dict:
    """Load each path with `requests` GETs in alternating batches (both see the same outside load)."""
    samples: dict[str, list[float]] = {name: [] for name in paths}
    seconds = dict.fromkeys(paths, 0.0)
    for _round in range(0, requests, batch):
        for name, path in paths.items():
            got, took = _send(port, path, headers, batch)
            samples[name] += got
            seconds[name] += took
    return {name: _figures(samples[name], seconds[name]) for name in paths}


def _worker_rss_mb(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def under_gunicorn(url: str, token: str, inbox_path: str, env: dict, measured: int = 1500) -> dict:
    """Return the inbox's and the constant endpoint's figures, their ratio and the workers' RSS."""
    proc, port = start(url, env)
    headers = {"Authorization": f"Bearer {token}"}
    try:
        paths = {"constant": "/api/v1/workflows", "inbox": inbox_path}
        compare(port, paths, headers, 100)  # warm up both workers on both
        figures = compare(port, paths, headers, measured)
        rest = TOTAL_REQUESTS - 2 * 100 - 2 * measured
        compare(port, paths, headers, rest // 2)
        rss = _worker_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    constant, inbox = figures["constant"], figures["inbox"]
    return {"workers": WORKERS, "clients": CLIENTS, "constant": constant, "inbox": inbox,
            "inbox_vs_constant": round(inbox["rps"] / constant["rps"], 2),
            "worker_rss_mb_after_10000_requests": round(max(rss), 1)}
