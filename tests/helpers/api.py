"""Assertions the API tests share."""

from __future__ import annotations

from tests.factories import snapshot

OWN = "You submitted this case, so you may not {} it: someone else in the committee must handle it."


def refused(app, client, case, body, status, message):
    """Post `body` as an event on `case`; assert the refusal and that nothing changed."""
    before = snapshot(app, case["id"])
    response = client.post(f"/cases/{case['id']}/events", body)
    assert response.status_code == status
    assert response.get_json() == {"error": message, "status": status}
    assert snapshot(app, case["id"]) == before
