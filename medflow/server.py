"""`medflow serve`: the app under gunicorn, a production WSGI server with N worker processes."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class MedflowServer(BaseApplication):
    """Gunicorn, configured in code: each worker builds its own app (no shared connections)."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Apply our options (gunicorn's command line is not read: `medflow serve` has its own)."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """Build the medflow app in the worker process."""
        from medflow.app import create_app

        return create_app()


def server_options(bind: str, workers: int, timeout: int, access_log: bool) -> dict[str, Any]:
    """Return gunicorn's settings for medflow.

    Gunicorn itself would trust X-Forwarded-Proto from 127.0.0.1; we turn that off, so proxy
    headers count only through ProxyFix when TRUSTED_PROXIES is configured.
    """
    return {
        "bind": [bind],
        "workers": workers,
        "worker_class": "sync",
        "timeout": timeout,
        "graceful_timeout": 10,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "secure_scheme_headers": {},
        "proc_name": "medflow",
    }


def serve(bind: str, workers: int, timeout: int = 30, access_log: bool = True) -> None:
    """Run gunicorn in the foreground until it is stopped (SIGTERM or Ctrl-C)."""
    MedflowServer(server_options(bind, workers, timeout, access_log)).run()
