"""`medflow doctor`: check what medflow needs and say how to fix what is wrong."""

from __future__ import annotations

import os
import shutil
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass

import requests
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from medflow.config import data_dir
from medflow.persistence.models import Case
from medflow.persistence.search import CASE, SearchDocument
from medflow.services.ops.health import check
from medflow.services.search.registry import SOURCES


@dataclass(frozen=True)
class Result:
    """One check: ok True/False, or None when the feature is not configured (skipped)."""

    name: str
    ok: bool | None
    message: str
    fix: str = ""


def check_config(config: Mapping) -> Result:
    """Production needs a fixed SECRET_KEY and, behind HTTPS, secure cookies."""
    if not os.environ.get("SECRET_KEY"):
        return Result("configuration", False, "SECRET_KEY is not set (a key in the instance folder is used)",
                      "set SECRET_KEY to a long random value, the same for every worker and server")
    if not config.get("PASSWORD_LOGIN") and not config.get("OIDC_ISSUER"):
        return Result("configuration", False,
                      "PASSWORD_LOGIN=false but OIDC_ISSUER is not set: nobody can log in",
                      "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or PASSWORD_LOGIN=true")
    return Result("configuration", True, f"base URL {config.get('BASE_URL')}")


def check_database(config: Mapping, engine: Engine) -> list[Result]:
    """The database answers and its schema is at the newest migration."""
    health = check(engine, config.get("MIGRATIONS_DIR") or str(data_dir("migrations")))
    url = engine.url.render_as_string(hide_password=True)
    if not health.database:
        return [Result("database", False, f"{url} does not answer: {health.error}",
                       "check DATABASE_URL, that the server runs and that the user may log in")]
    migrations = (Result("migrations", True, f"at {', '.join(health.current)}") if health.migrations_current
                  else Result("migrations", False,
                              f"database at {', '.join(health.current) or 'no revision'}, "
                              f"medflow needs {', '.join(health.expected)}", "run `medflow db upgrade`"))
    searched = [check_search(engine)] if health.migrations_current else []  # the index table exists
    return [Result("database", True, url), migrations, *searched]


def check_search(engine: Engine) -> Result:
    """Every case that has text, and every meeting and cascade, is in the search index (after an upgrade
    that brought search or a new kind it is not, until it is rebuilt once)."""
    with engine.connect() as conn:
        cases = conn.scalar(select(func.count()).select_from(Case).where(Case.anonymised_at.is_(None)))
        indexed = conn.scalar(select(func.count()).select_from(SearchDocument)
                              .where(SearchDocument.kind == CASE))
        missing = {source.name: conn.scalar(select(func.count()).select_from(
            source.expected().where(source.id_column.not_in(
                select(SearchDocument.source_id).where(SearchDocument.kind.in_(source.keys),
                                                       SearchDocument.source_id.is_not(None)))).subquery()))
            for source in SOURCES}
    gaps = [f"{cases - indexed} of {cases} case(s)"] if indexed < cases else []
    gaps += [f"{n} of the {name}" for name, n in missing.items() if n]
    if gaps:
        return Result("search", False, f"{', '.join(gaps)} are not in the search index",
                      "run `medflow search reindex`")
    return Result("search", True, f"{indexed} case(s) indexed, and every meeting and cascade")


def check_graphviz(config: Mapping) -> Result:
    """The diagrams are drawn by Graphviz's dot program."""
    dot = config.get("GRAPHVIZ_DOT") or "dot"
    if shutil.which(dot):
        return Result("graphviz", True, shutil.which(dot) or dot)
    return Result("graphviz", False, f"{dot} not found: diagrams are shown as tables",
                  "install Graphviz (Debian: apt-get install graphviz) or set MEDFLOW_DOT")


def check_mail(config: Mapping) -> Result:
    """The SMTP server answers (notifications are queued until it does)."""
    host = config.get("MAIL_SERVER")
    if not host:
        return Result("mail", None, "MAIL_SERVER is not set: no e-mail is sent")
    port = int(config.get("MAIL_PORT") or 25)
    try:
        with smtplib.SMTP(host, port, timeout=float(config.get("MAIL_TIMEOUT") or 10)) as smtp:
            smtp.noop()
    except (OSError, smtplib.SMTPException) as exc:
        return Result("mail", False, f"{host}:{port} does not answer: {exc}",
                      "check MAIL_SERVER and MAIL_PORT and that a firewall lets medflow reach it")
    return Result("mail", True, f"{host}:{port} answers")


def check_identity_provider(config: Mapping) -> Result:
    """The OpenID Connect provider's discovery document is reachable and names the same issuer."""
    issuer = config.get("OIDC_ISSUER")
    if not issuer:
        return Result("identity provider", None, "OIDC_ISSUER is not set: password log-in only")
    if not (config.get("OIDC_CLIENT_ID") and config.get("OIDC_CLIENT_SECRET")):
        return Result("identity provider", False, "OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is missing",
                      "register medflow at the identity provider and set both")
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        document = requests.get(url, timeout=10).json()
    except (requests.RequestException, ValueError) as exc:
        return Result("identity provider", False, f"{url} could not be read: {exc}",
                      "check OIDC_ISSUER (the issuer URL, without /.well-known/...)")
    if document.get("issuer", "").rstrip("/") != issuer:
        return Result("identity provider", False, f"the provider calls itself {document.get('issuer')!r}",
                      f"set OIDC_ISSUER to {document.get('issuer')!r}")
    return Result("identity provider", True, f"{issuer} (discovery document read)")


def run_checks(config: Mapping, engine: Engine) -> list[Result]:
    """Run every check, in the order an administrator would fix things."""
    return [check_config(config), *check_database(config, engine), check_graphviz(config),
            check_mail(config), check_identity_provider(config)]
