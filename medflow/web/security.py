"""Security headers on every answer, Secure cookies over HTTPS, and a quiet Server header.

The Content-Security-Policy allows only this site's own scripts, styles and images (no inline
script or style, no `unsafe-inline`): templates keep their CSS and JavaScript in /static, and
the Graphviz diagrams embedded in pages use SVG presentation attributes, not style attributes.
"""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.serving import WSGIRequestHandler

from medflow.web import ratelimit
from medflow.web.account.tokens import bp as account_bp

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


def _add_headers(response: Response) -> Response:
    """Set the security headers (HSTS only on HTTPS, where browsers honour it)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def _version_string(_handler: WSGIRequestHandler) -> str:
    """Name the development server "medflow" instead of Werkzeug and Python with their versions."""
    return SERVER_NAME


def init_app(app: Flask) -> None:
    """Add the headers and bind the rate limits (trusted proxies are honoured by `web.ops`, once).

    Also registers the API tokens pages (/account/tokens), whose token making is rate limited.
    """
    WSGIRequestHandler.version_string = _version_string  # `medflow run` (gunicorn says just "gunicorn")
    app.after_request(_add_headers)
    ratelimit.init_app(app)
    app.register_blueprint(account_bp)
