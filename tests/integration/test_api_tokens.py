"""The API needs a live bearer token: none, a wrong one or a revoked one is 401."""

import pytest

from medflow.extensions import db
from medflow.services.people.users import revoke_tokens

MESSAGE = "Log in first: send an API token as 'Authorization: Bearer TOKEN'."


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer mf_not-a-real-token", "Basic YW5uYTp4"])
def test_a_request_without_a_live_token_is_unauthorised(app, org, header):
    headers = {"Accept-Language": "en", **({"Authorization": header} if header else {})}
    response = app.test_client().get("/api/v1/committees", headers=headers)
    assert response.status_code == 401
    assert response.get_json() == {"error": MESSAGE, "status": 401}


def test_a_revoked_token_is_unauthorised_and_writes_nothing(app, api):
    anna = api("anna")
    assert anna.get("/committees").status_code == 200
    with app.app_context():
        assert revoke_tokens(db.session, "anna@example.dk") == 1
    response = anna.post("/cases", {"workflow": "question", "title": "Stole"})
    assert response.status_code == 401
    assert response.get_json()["error"] == MESSAGE
    assert api("lene").get("/committees/lok-skole/cases").get_json()["total"] == 0


def test_the_unauthorised_message_is_danish_by_default(app, org):
    response = app.test_client().get("/api/v1/workflows")
    assert response.get_json()["error"] == (
        "Log ind først: send et API-token som 'Authorization: Bearer TOKEN'."
    )
