"""Log-in with the kommune's identity provider: OpenID Connect, authorization code flow with PKCE.

Authlib checks state, nonce, issuer, audience, expiry and the ID token's signature (the
provider's published keys); every refusal ends on a clear page and logs in nobody.
"""

from __future__ import annotations

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import login_user
from joserfc.errors import JoseError
from requests import RequestException

from medflow.domain.errors import MedflowError
from medflow.extensions import db
from medflow.i18n import translate_error
from medflow.services.ops.sso import email_from, own_cases, person_for_email
from medflow.web.auth.options import password_login_enabled, safe_next

bp = Blueprint("sso", __name__)
PROVIDER = "kommune"
NEXT_KEY = "sso_next"


def sso_enabled() -> bool:
    """Tell whether an identity provider is configured."""
    return PROVIDER in current_app.extensions.get("medflow_oauth", {})


def _client():
    if not sso_enabled():
        abort(404)
    return current_app.extensions["medflow_oauth"][PROVIDER]


@bp.get("/login/sso")
def start():
    """Send the browser to the identity provider (state, nonce and a PKCE challenge are kept in the session)."""
    client = _client()
    session[NEXT_KEY] = safe_next(request.args.get("next"), url_for("home.index"))
    try:
        return client.authorize_redirect(url_for("sso.callback", _external=True))
    except (RequestException, ValueError) as exc:  # the provider's discovery document is unreachable or bad
        current_app.logger.error("identity provider unreachable: %s", exc)
        return _refused(gettext("The kommune's log-in service does not answer right now. Try again later "
                                "or log in with e-mail and password if you have a local account."), 503)


def _refused(message: str, status: int):
    return render_template("auth/sso_refused.html", message=message), status


@bp.get("/login/sso/callback")
def callback():
    """Check the provider's answer and log the matching person in, or show why not."""
    client = _client()
    config = current_app.config
    try:
        token = client.authorize_access_token(
            claims_options={"iss": {"essential": True, "values": [config["OIDC_ISSUER"]]}},
            leeway=config["OIDC_CLOCK_SKEW"])
        claims = token.get("userinfo")
        if not claims:
            raise OAuthError(description="no ID token in the provider's answer")
        person = person_for_email(db.session, email_from(claims, config["OIDC_EMAIL_CLAIM"]))
    except (OAuthError, JoseError, RequestException) as exc:
        current_app.logger.warning("single sign-on refused: %s", exc)
        return _refused(gettext("The log-in could not be verified, so you were not logged in. "
                                "Start again from the log-in page."), 400)
    except MedflowError as exc:
        return _refused(translate_error(exc), 403)
    if not person.active:  # not logged in; their own cases are shown, read-only
        return render_template("auth/deactivated.html", person=person,
                               cases=own_cases(db.session, person)), 403
    login_user(person)
    return redirect(session.pop(NEXT_KEY, None) or url_for("home.index"))


def init_app(app: Flask) -> None:
    """Register the identity provider when OIDC_ISSUER is set (each app gets its own Authlib registry)."""
    app.register_blueprint(bp)
    app.context_processor(lambda: {"sso_login": sso_enabled(), "password_login": password_login_enabled()})
    registry = app.extensions.setdefault("medflow_oauth", {})
    issuer = app.config.get("OIDC_ISSUER")
    if not issuer:
        return
    oauth = OAuth(app)
    registry[PROVIDER] = oauth.register(
        PROVIDER, client_id=app.config["OIDC_CLIENT_ID"], client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": app.config["OIDC_SCOPES"], "code_challenge_method": "S256", "timeout": 10})
