"""The case page neither offers nor accepts a handling event on the chair's own case."""

from tests.factories import snapshot
from tests.helpers.api import OWN
from tests.web.conftest import event_buttons


def test_the_case_page_hides_the_handling_buttons_and_refuses_the_form(app, api, pages):
    case = api("lene").submit()
    page = pages("lene", lang="en").get(f"/cases/{case['id']}")
    assert event_buttons(page.text) == ["withdraw"]
    before = snapshot(app, case["id"])
    response = pages("lene", lang="en").post(f"/cases/{case['id']}/events",
                                             data={"event": "accept", "version": case["version"]})
    assert response.status_code == 403
    assert OWN.format("accept") in response.text
    assert snapshot(app, case["id"]) == before
