"""/account/tokens: owners make, list and revoke their API tokens; admins revoke anyone's."""

import re

from sqlalchemy import select

from medflow.extensions import db
from medflow.persistence.models import ApiToken
from tests.factories import ApiClient


def _made(pages, who: str) -> str:
    response = pages(who, lang="en").post("/account/tokens")
    assert response.status_code == 201
    return re.search(r'data-testid="new-token">(mf_[^<]+)<', response.text).group(1)


def _id_of(app, token: str) -> int:
    with app.app_context():
        return db.session.scalar(select(ApiToken.id).where(ApiToken.prefix == token[:10]))


def test_an_owner_makes_a_token_that_works_and_sees_it_listed(app, pages):
    token = _made(pages, "anna")
    assert ApiClient(app, token).get("/notifications").status_code == 200
    page = pages("anna", lang="en").get("/account/tokens")
    assert page.status_code == 200
    assert f"<code>{token[:10]}…</code>" in page.text and token not in page.text
    assert "Everyone's live API tokens" not in page.text


def test_an_owner_revokes_their_token(app, pages):
    token = _made(pages, "anna")
    response = pages("anna", lang="en").post(f"/account/tokens/{_id_of(app, token)}/revoke",
                                             follow_redirects=True)
    assert f"The API token {token[:10]}… is revoked." in response.text
    assert ApiClient(app, token).get("/notifications").status_code == 401


def test_nobody_revokes_someone_elses_token_but_an_admin(app, pages):
    token = _made(pages, "anna")
    refused = pages("lene", lang="en").post(f"/account/tokens/{_id_of(app, token)}/revoke")
    assert refused.status_code == 403 and "You may only revoke your own API tokens." in refused.text
    assert ApiClient(app, token).get("/notifications").status_code == 200
    admin_page = pages("admin", lang="en").get("/account/tokens")
    assert "Everyone's live API tokens" in admin_page.text and "anna@example.dk" in admin_page.text
    pages("admin").post(f"/account/tokens/{_id_of(app, token)}/revoke")
    assert ApiClient(app, token).get("/notifications").status_code == 401


def test_the_token_page_needs_a_log_in_and_a_csrf_token(app, csrf_pages):
    assert csrf_pages().get("/account/tokens").status_code == 302
    assert csrf_pages("anna").post("/account/tokens").status_code == 400
