"""The benchmark suite (`make bench`): prints a short table, then ONE JSON object with every figure.

On a temporary SQLite file (WAL), and on PostgreSQL too when MEDFLOW_BENCH_PG_URL names a scratch
database (its medflow tables are dropped and created again):
  1. events/s of `POST /api/v1/cases/ID/events` (token auth) vs a minimal floor app, and the ratio
     (the benchmark's plan, and a harsher one whose second `schedule` moves the case between meetings);
  2. the pure engine's µs per event and `fire_event`'s SQL statements per event;
  3. p50/p95 of the inbox (API and page, first and a deep page), a case page, "Mine sager", the
     committee page and the front page at 10,000 and 300,000 generated cases, and the growth;
  4. (SQLite) requests/s and p95 under gunicorn for the inbox vs a constant endpoint, and a
     worker's resident memory after 10,000 requests.
`--large 1000000` adds a third size. `--sizes 2000,20000` changes the first two (quick checks).
`--databases postgresql` measures PostgreSQL alone (`make bench BENCH_ARGS="..."` passes these).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench")


from medflow import create_app  # noqa: E402
from medflow.config import database_url  # noqa: E402
from medflow.domain.org import parse_org  # noqa: E402
from medflow.domain.yamlsource import load_file  # noqa: E402
from medflow.extensions import db  # noqa: E402
from medflow.services.org import import_org  # noqa: E402
from medflow.services.people.users import issue_token  # noqa: E402
from tests.benchmarks import engine_bench, events, generate, pages, serve  # noqa: E402

TARGETS = {"web_vs_floor": 0.5, "web_vs_floor_move": 0.4, "statements_besides_writes": 3, "growth": 2.0,
           "inbox_vs_constant": 0.5, "worker_rss_mb": 200}


def _fresh(url: str):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MAIL_SEND_ON_COMMIT": False})
    with app.app_context():
        db.drop_all()
        db.create_all()
        import_org(db.session, parse_org(load_file(app.config["DEMO_ORG_FILE"]), "demo"))
    return app


def _grow(app, target: int, have: int, seed: int) -> float:
    start = time.perf_counter()
    with app.app_context():
        generate.add_cases(db.session, generate.read_org(db.session), target - have, seed=seed)
        db.session.remove()
    return round(time.perf_counter() - start, 1)


def _gunicorn(app, url: str) -> dict:
    with app.app_context():
        chair, _committee = pages._chair(pages.WORKPLACE)
        token = issue_token(db.session, chair.email)
        db.session.remove()
    inbox = f"/api/v1/committees/{pages.WORKPLACE}/cases"
    return serve.under_gunicorn(url, token, inbox, {"SECRET_KEY": "bench"})


def run_database(url: str, sizes: list[int], with_server: bool, pages_only: bool = False) -> dict:
    """Return every figure measured on one database (`pages_only`: the page timings alone)."""
    app = _fresh(url)
    result: dict = {"generate_s": {}, "pages": {}}
    have = 0
    for i, size in enumerate(sizes):
        result["generate_s"][size] = _grow(app, size, have, seed=i)
        have = size
        if i == 0 and not pages_only:
            result["events"] = events.web_vs_floor(app)
            result["events_move"] = events.web_vs_floor(app, plan=events.MOVE_PLAN)
            result["event_statements"] = events.web_event_statements(app)
        result["pages"][size] = pages.measure(app)
    first = result["pages"][sizes[0]]
    result["growth"] = {f"{size}/{sizes[0]}": pages.growth(first, result["pages"][size]) for size in sizes[1:]}
    result["growth_cpu"] = {f"{size}/{sizes[0]}": pages.growth(first, result["pages"][size], "cpu_p95_ms")
                            for size in sizes[1:]}
    if with_server and not pages_only:
        result["gunicorn"] = _gunicorn(app, url)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return result


def _table(name: str, figures: dict, sizes: list[int]) -> None:
    print(f"== {name}")
    if "events" in figures:
        e, s = figures["events"], figures["event_statements"]
        print(f"  events/s: medflow {e['web_events_per_s']}, floor {e['floor_events_per_s']},"
              f" ratio {e['ratio']}  (target ≥ {TARGETS['web_vs_floor']});"
              f"  SQL statements per event through the API: {s['total']}"
              f" ({s['besides_writes']} besides writes)")
    if m := figures.get("events_move"):
        print(f"  events/s, the plan with a move between meetings: medflow {m['web_events_per_s']}, floor"
              f" {m['floor_events_per_s']}, ratio {m['ratio']}  (target ≥ {TARGETS['web_vs_floor_move']})")
    print(f"  {'p95 ms (wall / CPU)':<34}" + "".join(f"{s:>16,}" for s in sizes) + "   growth (wall / CPU)")
    for page in figures["pages"][sizes[0]]:
        at = [figures["pages"][s][page] for s in sizes]
        cells = "".join(f"{v['p95_ms']:>9.1f} /{v['cpu_p95_ms']:>5.1f}" for v in at)
        walls, cpus = figures["growth"].values(), figures["growth_cpu"].values()
        grow = " ".join(f"{g[page]:.1f}× / {c[page]:.1f}×" for g, c in zip(walls, cpus, strict=True))
        print(f"  {page:<34}{cells}   {grow}")
    if g := figures.get("gunicorn"):
        print(f"  gunicorn ({g['workers']} workers): inbox {g['inbox']['rps']} req/s"
              f" p95 {g['inbox']['p95_ms']} ms,"
              f" constant {g['constant']['rps']} req/s p95 {g['constant']['p95_ms']} ms, ratio"
              f" {g['inbox_vs_constant']}; worker RSS {g['worker_rss_mb_after_10000_requests']} MB")


def main(argv: list[str] | None = None) -> None:
    """Run every measurement and print the table and the JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=0, help="also measure at this many cases")
    parser.add_argument("--pages-only", action="store_true", help="the pages only (no events, gunicorn)")
    parser.add_argument("--sizes", default="10000,300000", help="the two sizes compared (default 10000,300000)")
    parser.add_argument("--databases", default="sqlite,postgresql",
                        help="which to measure (default both; PostgreSQL only with MEDFLOW_BENCH_PG_URL)")
    args = parser.parse_args(argv)
    databases = set(args.databases.split(","))
    sizes = [int(s) for s in args.sizes.split(",")] + ([args.large] if args.large else [])
    started = time.perf_counter()
    folder = tempfile.mkdtemp(prefix="medflow-bench-")
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "load_average": os.getloadavg()},
              "sizes": sizes, "targets": TARGETS}
    if not args.pages_only:
        shared, per_call = engine_bench.engine_figures()
        report["engine"] = {"shared_machine_us_per_event": round(shared, 1),
                            "machine_per_call_us_per_event": round(per_call, 1),
                            **engine_bench.statements_per_event(f"sqlite:///{folder}/engine.db")}
    try:
        if "sqlite" in databases:
            report["sqlite"] = run_database(f"sqlite:///{folder}/bench.db", sizes, with_server=True,
                                            pages_only=args.pages_only)
            _table("SQLite (temporary file, WAL)", report["sqlite"], sizes)
        if (pg_url := os.environ.get("MEDFLOW_BENCH_PG_URL")) and "postgresql" in databases:
            report["postgresql"] = run_database(database_url(pg_url, Path(folder)), sizes, with_server=False,
                                                pages_only=args.pages_only)
            _table("PostgreSQL (MEDFLOW_BENCH_PG_URL)", report["postgresql"], sizes)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the generated databases (hundreds of MB)
    report["seconds"] = round(time.perf_counter() - started)
    print(json.dumps(report, default=str))


if __name__ == "__main__":
    main()
