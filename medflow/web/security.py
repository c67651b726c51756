"""Security headers on every answer, Secure cookies over HTTPS, and a quiet Server header.

The Content-Security-Policy allows only this site's own scripts, styles and images (no inline
script or style, no `unsafe-inline`): templates keep their CSS and JavaScript in /static, and
the Graphviz diagrams embedded in pages use SVG presentation attributes, not style attributes.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user
from werkzeug.serving import WSGIRequestHandler

from medflow.web.account import my_data
from medflow.web.account import page as account_page
from medflow.web.auth import ratelimit
from medflow.web.auth.tokens import bp as account_bp

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000; includeSubDomains"
SERVER_NAME = "medflow"
# Answers every reader gets alike may be cached: static files, the news feed and page, the API's
# own description. Everything else a logged-in person or a token sees may hold case or meeting
# content, so it is never stored by a browser or proxy (`no-store`).
SHARED_ENDPOINTS = frozenset({"static", "meeting_feeds.news", "meeting_feeds.news_atom", "api.docs.openapi"})


def _private_caching(response: Response) -> None:
    """Mark answers for a logged-in person or an API token `no-store`, unless they are shared."""
    if request.endpoint in SHARED_ENDPOINTS or "Cache-Control" in response.headers:
        return
    if request.path.startswith("/api/") or current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"


def _add_headers(response: Response) -> Response:
    """Set the security headers (HSTS only on HTTPS, where browsers honour it)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    _private_caching(response)
    return response


def _version_string(_handler: WSGIRequestHandler) -> str:
    """Name the development server "medflow" instead of Werkzeug and Python with their versions."""
    return SERVER_NAME


def init_app(app: Flask) -> None:
    """Add the headers and bind the rate limits (trusted proxies are honoured by `web.ops`, once).

    Also registers the account pages: API tokens (/account/tokens, token making rate limited) and
    the person's own data download (/account/export) and their own page (/account) linking them.
    """
    WSGIRequestHandler.version_string = _version_string  # `medflow run` (gunicorn says just "gunicorn")
    app.after_request(_add_headers)
    ratelimit.init_app(app)
    app.register_blueprint(account_bp)
    app.register_blueprint(my_data.bp)
    app.register_blueprint(account_page.bp)
