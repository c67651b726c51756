"""Production plumbing: the load balancer's health check and trusting a reverse proxy when told to."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, jsonify
from werkzeug.middleware.proxy_fix import ProxyFix

from medflow.config import data_dir
from medflow.extensions import db
from medflow.services.ops.health import check

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
def healthz():
    """Answer 200 when the database is reachable and migrated to the newest revision, else 503."""
    health = check(db.engine, current_app.config.get("MIGRATIONS_DIR") or str(data_dir("migrations")))
    body = {"status": "ok" if health.ok else "unavailable", "database": health.database,
            "migrations_current": health.migrations_current, "revision": list(health.current),
            "expected_revision": list(health.expected)}
    if health.error:
        body["error"] = "database unreachable"  # the details go to the log, not to the internet
        current_app.logger.error("healthz: %s", health.error)
    return jsonify(body), 200 if health.ok else 503


def init_app(app: Flask) -> None:
    """Register /healthz and, only when TRUSTED_PROXIES is set, honour X-Forwarded-* headers."""
    app.register_blueprint(bp)
    hops = app.config.get("TRUSTED_PROXIES") or 0
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops,
                                x_prefix=hops)
