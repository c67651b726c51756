"""Brakes on guessing: failed log-ins per account and per address, bad API tokens, new tokens.

Flask-Limiter counts only the attempts that fail (`deduct_when`), so people who type their
password right are never slowed down; once a limit is used up every attempt on that account
(or from that address) gets 429 with Retry-After until the window has passed, and each refused
attempt is logged. Storage is RATELIMIT_STORAGE_URI (memory by default; e.g. redis:// for
several workers); the limits are RATELIMIT_LOGIN_ACCOUNT, RATELIMIT_LOGIN_ADDRESS, RATELIMIT_TOKEN.
"""

from __future__ import annotations

import logging
import time
from functools import cache

from flask import Flask, Response, current_app, request
from flask_babel import gettext
from flask_limiter import Limiter, RateLimitExceeded, RequestLimit
from flask_limiter.util import get_remote_address
from flask_login import current_user
from limits import RateLimitItem, parse_many

from medflow.domain.errors import _

log = logging.getLogger("medflow.security")
limiter = Limiter(get_remote_address, headers_enabled=False)
TOKEN_SCOPE = "api-token"
TOO_MANY = _("Too many failed attempts. Wait %(seconds)s seconds and try again.")


def _setting(name: str):
    """Return a limit read from the app's configuration when the request comes."""
    return lambda: current_app.config[name]


def _account() -> str:
    """Return the account a log-in attempt names (the rate-limit key per account)."""
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def _person() -> str:
    """Return who is making a new API token."""
    return f"person:{current_user.get_id().partition(':')[0]}" if current_user.is_authenticated else ""


def _failed(response: Response) -> bool:
    """Count a refused log-in or token (401), never a successful one."""
    return response.status_code == 401


def _log_lockout(limit: RequestLimit) -> None:
    """Write the lock-out to the log: which limit, for whom, from where."""
    log.warning("Lock-out on %s: %s used up for %s (address %s)", request.endpoint, limit.limit,
                limit.request_args[-2], get_remote_address())


def login_limits(view):
    """Limit failed log-ins per account and per client address (POST only)."""
    view = limiter.limit(_setting("RATELIMIT_LOGIN_ACCOUNT"), key_func=_account, methods=["POST"],
                         deduct_when=_failed, on_breach=_log_lockout, scope="account")(view)
    return limiter.limit(_setting("RATELIMIT_LOGIN_ADDRESS"), methods=["POST"], deduct_when=_failed,
                         on_breach=_log_lockout, scope="address")(view)


@cache
def _parsed(setting: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(setting))


def _token_items() -> tuple[RateLimitItem, ...]:
    return _parsed(current_app.config["RATELIMIT_TOKEN"]) if limiter.enabled else ()


def token_lockout() -> Response | None:
    """Return the 429 answer when this address has used up its refused tokens, else None.

    Refused bearer tokens are limited per address over the whole API together (RATELIMIT_TOKEN); the
    API checks before it reads the token, so a right guess after the limit is refused too. It uses the
    limiter's own strategy and storage; Flask-Limiter's per-request work leaves the API alone (a request
    filter in `medflow.web.api`): resolving every route's and blueprint's limits on each call cost an
    API call more than the check.
    """
    address = get_remote_address()
    for item in _token_items():
        if not limiter.limiter.test(item, TOKEN_SCOPE, address):
            log.warning("Lock-out on %s: %s used up for %s (address %s)", request.endpoint, item, address,
                        address)
            reset = limiter.limiter.get_window_stats(item, TOKEN_SCOPE, address).reset_time
            return too_many(max(1, int(reset - time.time())))
    return None


def count_refused_token() -> None:
    """Count a refused bearer token (missing, unknown, revoked or expired) against the address."""
    address = get_remote_address()
    for item in _token_items():
        limiter.limiter.hit(item, TOKEN_SCOPE, address)


def new_token_limit(view):
    """Limit how many API tokens a person makes in a window."""
    return limiter.limit(_setting("RATELIMIT_TOKEN"), key_func=_person, methods=["POST"],
                         on_breach=_log_lockout, scope="new-token")(view)


def _too_many(error: RateLimitExceeded):
    """Answer a limit Flask-Limiter found used up."""
    current = limiter.current_limit
    return too_many(max(1, int(current.reset_at - time.time())) if current else 60)


def too_many(seconds: int) -> Response:
    """Answer 429 with Retry-After, as JSON for the API and as a page elsewhere."""
    from medflow.web.errors import json_error, wants_json
    from medflow.web.pages import render_error

    message = gettext(TOO_MANY, seconds=seconds)
    answer = json_error(message, 429) if wants_json() else render_error(429, message)
    response = current_app.make_response(answer)
    response.headers["Retry-After"] = str(seconds)
    return response


def init_app(app: Flask) -> None:
    """Bind the limiter (storage from RATELIMIT_STORAGE_URI) and the 429 answer."""
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, _too_many)
