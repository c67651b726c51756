"""The visibility rule as a matrix: people in every role × case states × confidential or not.

Each cell is checked where a person meets a case: the JSON API, the case page, the holder's inbox
(API and page) and an attempt to act. The expected levels are written out by hand below, from the
"Who sees a case" in docs/employees-and-chairs.md, not computed by the code under test.
"""

from __future__ import annotations

import pytest

from tests.factories import snapshot

TITLE, DESCRIPTION = "Hemmelig sag om Bo", "Bo har det svært efter omstruktureringen."
PEOPLE = ("anna", "lene", "tove", "sara", "amir", "ole", "dora", "kim", "peter", "admin")
LOCAL = "anna lene tove sara amir admin"  # submitter, everyone in LokalMED Skole, the admin

# state -> (holder, {who: level}) for an ordinary case and for a confidential one; people not named: none.
ORDINARY = {
    "new": ("lok-skole", LOCAL),
    "accepted": ("lok-skole", LOCAL),
    "rejected": ("lok-skole", LOCAL),
    "forwarded": ("omr-born", LOCAL + " ole"),
    "resolved": ("omr-born", LOCAL + " ole"),
    "referred": ("lok-dagtilbud", LOCAL + " ole dora"),
}
CONFIDENTIAL = {  # full | redacted
    "new": ("lok-skole", "anna lene tove", "admin"),
    "accepted": ("lok-skole", "anna lene tove", "admin"),
    "rejected": ("lok-skole", "anna lene tove", "admin"),
    "forwarded": ("omr-born", "anna ole", "lene tove admin"),
    "resolved": ("omr-born", "anna ole", "lene tove admin"),
    "referred": ("lok-dagtilbud", "anna dora", "lene tove ole admin"),
}


def expected(state: str, confidential: bool) -> tuple[str, dict[str, str | None]]:
    """Return the holder and each person's level from the tables above."""
    if not confidential:
        holder, full = ORDINARY[state]
        return holder, {p: "full" if p in full.split() else None for p in PEOPLE}
    holder, full, redacted = CONFIDENTIAL[state]
    return holder, {p: "full" if p in full.split() else "redacted" if p in redacted.split() else None
                    for p in PEOPLE}


def _make(api, state: str, confidential: bool) -> dict:
    """Drive a case through the API into `state`."""
    case = api("anna").submit(title=TITLE, confidential=confidential)
    if state == "new":
        return case
    if state == "rejected":
        return api("lene").fire(case, "reject", comment="Hører ikke til her", redirect="Tal med din leder")
    case = api("lene").fire(case, "accept")
    if state == "accepted":
        return case
    case = api("lene").fire(case, "forward", comment="Det er et områdespørgsmål")
    if state == "forwarded":
        return case
    case = api("ole").fire(case, "accept")
    if state == "resolved":
        return api("ole").fire(case, "resolve", answer="Vi har talt med Bo.")
    return api("ole").fire(case, "refer", target="lok-dagtilbud", comment="Dagtilbud tager den")


def _check_api(api, who: str, case: dict, level: str | None) -> None:
    response = api(who).get(f"/cases/{case['id']}")
    if level is None:
        assert response.status_code == 404, who
        return
    body = response.get_json()
    assert response.status_code == 200, who
    assert body["redacted"] is (level == "redacted"), who
    assert (body["state"], body["holder"]) == (case["state"], case["holder"])
    if level == "redacted":
        hidden = (body["title"], body["description"], body["submitter"], body["actions"])
        assert hidden == (None, None, None, [])
        assert all(e["comment"] is None and e["actor"] is None for e in body["history"])
    else:
        assert (body["title"], body["description"]) == (TITLE, "Stolene i personalerummet er slidte.")


def _check_page(pages, who: str, case: dict, level: str | None) -> None:
    response = pages(who).get(f"/cases/{case['id']}")
    html = response.get_data(as_text=True)
    if level is None:
        assert response.status_code == 404, who
        return
    assert response.status_code == 200, who
    assert (TITLE in html) is (level == "full"), who
    assert ('id="redacted-note"' in html) is (level == "redacted"), who
    if level == "redacted":
        assert "Anna Jensen" not in html and "Hører ikke til her" not in html and 'name="event"' not in html


def _check_inbox(api, pages, who: str, case: dict, holder: str, level: str | None) -> None:
    listed = api(who).get(f"/committees/{holder}/cases")
    if listed.status_code == 403:  # not a member of the holder: no inbox to look in
        assert pages(who).get(f"/committees/{holder}").status_code == 403
        return
    rows = {c["id"]: c for c in listed.get_json()["cases"]}
    page = pages(who).get(f"/committees/{holder}").get_data(as_text=True)
    assert (case["id"] in rows) is (level is not None), who
    assert (f'/cases/{case["id"]}"' in page) is (level is not None), who  # closed ones are "recently closed"
    assert (TITLE in page) is (level == "full"), who
    if level is not None:
        assert rows[case["id"]]["title"] == (TITLE if level == "full" else None), who
        assert rows[case["id"]]["redacted"] is (level == "redacted"), who


def _check_notifications(api, pages, who: str, case: dict, level: str | None) -> None:
    """Assert a person's notifications of the case name its title only if they may read it now."""
    mine = api(who).get("/notifications").get_json()["notifications"]
    listed = [n for n in mine if n["case_id"] == case["id"]]
    assert level is not None or listed == [], who
    assert listed or not (level == "redacted" and who in ("lene", "tove")), who  # told when it arrived
    assert all(n["case_title"] == (TITLE if level == "full" else None) for n in listed), who
    page = pages(who).get("/notifications").get_data(as_text=True)
    assert (TITLE in page) is (level == "full" and bool(listed)), who


def _check_act(app, api, pages, who: str, case: dict, level: str | None) -> None:
    if level == "full":
        return
    before = snapshot(app, case["id"])
    response = api(who).post(f"/cases/{case['id']}/events", {"event": "withdraw", "version": case["version"]})
    assert response.status_code == (403 if level == "redacted" else 404), who
    form = pages(who).post(f"/cases/{case['id']}/events", data={"event": "accept", "version": case["version"]})
    assert form.status_code == (403 if level == "redacted" else 404), who
    assert snapshot(app, case["id"]) == before


@pytest.mark.parametrize("confidential", [False, True], ids=["ordinary", "confidential"])
@pytest.mark.parametrize("state", list(ORDINARY))
def test_every_role_sees_each_case_state_as_the_rule_says(app, api, pages, state, confidential):
    case = _make(api, state, confidential)
    holder, levels = expected(state, confidential)
    assert case["holder"] == holder
    for who, level in levels.items():
        _check_api(api, who, case, level)
        _check_page(pages, who, case, level)
        _check_inbox(api, pages, who, case, holder, level)
        _check_notifications(api, pages, who, case, level)
        _check_act(app, api, pages, who, case, level)
