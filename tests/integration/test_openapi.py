"""GET /api/v1/openapi.json describes every /api/v1 operation, and the answers match it."""

import re
from datetime import timedelta

import pytest
from jsonschema import Draft202012Validator

from medflow.domain.calendar import local_date
from medflow.domain.limits import TEXT_MAX
from medflow.persistence.base import utcnow
from medflow.services.meetings.communication import WHAT_MAX
from medflow.services.meetings.minutes import MAX_MINUTES
from medflow.services.meetings.planning import PLACE_MAX

CALLED: set[str] = set()


@pytest.fixture
def doc(app):
    """Return the OpenAPI document as the app serves it, without a token."""
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.content_type == "application/json"
    return response.get_json()


def check(doc, response, path: str, method: str = "get") -> dict:
    """Assert the response's status is documented and its body matches the documented schema."""
    operation = doc["paths"][path][method]
    answers = operation["responses"]
    assert str(response.status_code) in answers, (path, response.status_code, response.get_json())
    CALLED.add(operation["operationId"])
    if "content" not in answers[str(response.status_code)]:  # 204: documented without a body
        assert response.data == b"", (path, response.data)
        return {}
    schema = answers[str(response.status_code)]["content"]["application/json"]["schema"]
    wrapper = {**schema, "components": doc["components"]}
    Draft202012Validator(wrapper).validate(response.get_json())
    return response.get_json()


def test_the_document_is_openapi_3_1_and_every_schema_is_valid_json_schema(doc):
    assert doc["openapi"].startswith("3.1")
    for schema in doc["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_api_v1_route_is_documented(app, doc):
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.docs.openapi":
            path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            served |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert served - documented == set(), "undocumented /api/v1 routes"
    assert documented - served == set(), "documented routes the app does not serve"


def test_the_field_limits_come_from_the_field_rules(doc):
    schemas = doc["components"]["schemas"]
    for field in ("title", "description", "location", "what_happened"):
        assert schemas["NewCase"]["properties"][field]["maxLength"] == TEXT_MAX[field]
    for field in ("comment", "answer", "redirect", "problem", "solution", "owner", "effect_check"):
        assert schemas["NewEvent"]["properties"][field]["maxLength"] == TEXT_MAX[field]
    assert schemas["NewCascade"]["properties"]["body"]["maxLength"] == TEXT_MAX["body"]
    assert schemas["NewMeeting"]["properties"]["place"]["maxLength"] == PLACE_MAX
    assert schemas["NewCommunicationLine"]["properties"]["what"]["maxLength"] == WHAT_MAX
    assert schemas["Minutes"]["properties"]["minutes"]["maxLength"] == MAX_MINUTES
    assert schemas["Minutes"]["properties"]["answer"]["maxLength"] == TEXT_MAX["answer"]


def test_every_documented_operation_answers_as_documented(app, api, doc):
    CALLED.clear()
    anna, lene, kim = api("anna"), api("lene"), api("kim")
    for path in ("/committees", "/workflows", "/topics", "/notifications", "/information"):
        check(doc, anna.get(path), path)
    case = check(doc, anna.post("/cases", {"workflow": "question", "title": "Stole", "description": "Slidte"}),
                 "/cases", "post")
    case = check(doc, lene.post(f"/cases/{case['id']}/events", {"event": "accept", "version": case["version"]}),
                 "/cases/{case_id}/events", "post")
    check(doc, lene.post(f"/cases/{case['id']}/events", {"event": "accept", "version": 0}),
          "/cases/{case_id}/events", "post")  # 409, documented too
    check(doc, anna.get(f"/cases/{case['id']}"), "/cases/{case_id}")
    check(doc, api("peter").get(f"/cases/{case['id']}"), "/cases/{case_id}")  # 404
    check(doc, lene.get("/committees/lok-skole/cases?page=1"), "/committees/{key}/cases")
    check(doc, anna.get("/notifications"), "/notifications")
    check(doc, anna.post("/notifications/read", {"ids": [1]}), "/notifications/read", "post")
    check(doc, anna.post("/notifications/settings", {"email": False}), "/notifications/settings", "post")
    cascade = check(doc, kim.post("/cascades", {"committee": "kommunemed", "kind": "task", "title": "Trivsel",
                                                "body": "Drøft", "due_date": "2027-03-01"}),
                    "/cascades", "post")
    check(doc, kim.get(f"/cascades/{cascade['id']}"), "/cascades/{cascade_id}")
    check(doc, anna.get("/information"), "/information")
    check(doc, anna.post("/cases", {"workflow": "question", "title": "x" * 201}), "/cases", "post")  # 400
    _meeting_operations(doc, api)
    _mail_operations(doc, anna)
    check(doc, lene.get("/search?q=stole"), "/search")
    check(doc, lene.get("/search?q=og"), "/search")  # 400: only stop words
    check(doc, anna.get("/suggestions?title=stress&topic=stresspolitik"), "/suggestions")
    check(doc, anna.get("/suggestions?title=" + "x" * 201), "/suggestions")  # 400: too long
    figures = check(doc, lene.get("/committees/lok-skole/figures?year=2026"), "/committees/{key}/figures")
    assert figures["tables"]
    check(doc, anna.get("/committees/lok-skole/figures"), "/committees/{key}/figures")  # 404: not a member
    report = check(doc, lene.get("/reports/cases?year=2026&committee=lok-skole"), "/reports/cases")
    assert report["tables"]
    check(doc, anna.get("/reports/cases"), "/reports/cases")  # 403: no committee
    check(doc, lene.get("/reports/cases?committee=nope"), "/reports/cases")  # 404
    _plan_operations(app, doc, anna, api("peter"))
    _action_item_operations(doc, api)
    every = {o["operationId"] for ops in doc["paths"].values() for o in ops.values()}
    assert CALLED == every


def _plan_operations(app, doc, anna, peter) -> None:
    """Import KommuneMED's shipped plan; a reader below gets it, no plan (or no right) is 404."""
    from pathlib import Path

    from medflow.extensions import db
    from medflow.services.plans.files import check_plan, import_plan

    path = Path(__file__).resolve().parents[2] / "workflows" / "plans" / "kommunemed-2013-2014.yaml"
    with app.app_context():
        import_plan(db.session, *check_plan(db.session, path.read_text(encoding="utf-8"), str(path)))
    plan = check(doc, anna.get("/committees/kommunemed/plan"), "/committees/{key}/plan")
    assert plan["period"] == "2013-2014" and len(plan["timeline"]["rows"]) == 9
    check(doc, anna.get("/committees/lok-skole/plan"), "/committees/{key}/plan")  # 404: no plan
    check(doc, peter.get("/committees/omr-born/plan"), "/committees/{key}/plan")  # 404: not his branch


def _delete(client, url: str):
    """DELETE through an API client (it sends the token and the language)."""
    return client.client.delete("/api/v1" + url, headers=client.headers)


def _plan(doc, client, days: int, expect: int = 201) -> dict:
    """Plan a meeting of LokalMED Skole `days` from today (an officer: 201; anyone else refused)."""
    body = {"date": (utcnow().date() + timedelta(days=days)).isoformat(), "start_time": "14:00",
            "end_time": "16:00", "place": "Mødelokale 2"}
    response = client.post("/committees/lok-skole/meetings", body)
    assert response.status_code == expect, response.get_json()
    return check(doc, response, "/committees/{key}/meetings", "post")


def _meeting_operations(doc, api) -> None:
    """Drive a meeting from plan to approved minutes, plus a cancelled and a deleted one."""
    anna, lene, sara = api("anna"), api("lene"), api("sara")
    assert "chair" in _plan(doc, sara, 7, expect=403)["error"]  # a member is not an officer
    assert "date" in _plan(doc, lene, -1, expect=400)["error"]  # in the past
    meeting = _plan(doc, lene, 7)
    path = f"/meetings/{meeting['id']}"
    unseen = check(doc, api("peter").get("/committees/lok-skole/meetings"), "/committees/{key}/meetings")
    assert unseen["status"] == 404
    listed = check(doc, lene.get("/committees/lok-skole/meetings"), "/committees/{key}/meetings")
    assert [m["id"] for m in listed["meetings"]] == [meeting["id"]]
    today = local_date(utcnow()).isoformat()
    moved = {"version": meeting["version"], "date": today,  # today from midnight: begun
             "start_time": "00:00", "end_time": "00:30"}
    meeting = check(doc, lene.post(f"{path}/move", moved), "/meetings/{meeting_id}/move", "post")
    case = anna.submit(title="Nye stole")
    case = lene.fire(case, "accept")
    meeting = check(doc, lene.post(f"{path}/items", {"case": case["id"], "version": case["version"]}),
                    "/meetings/{meeting_id}/items", "post")
    free = check(doc, lene.post(f"{path}/items", {"version": meeting["version"], "title": "Trivsel"}),
                 "/meetings/{meeting_id}/items", "post")
    meeting = check(doc, lene.get(path), "/meetings/{meeting_id}")
    order = [free["id"], *(i["id"] for i in meeting["items"] if i["kind"] not in ("communication", "free"))]
    meeting = check(doc, lene.post(f"{path}/order", {"version": meeting["version"], "order": order}),
                    "/meetings/{meeting_id}/order", "post")
    assert check(doc, _delete(lene, f"/meeting-items/{free['id']}?version={meeting['version']}"),
                 "/meeting-items/{item_id}", "delete") == {}
    meeting = check(doc, lene.get(path), "/meetings/{meeting_id}")
    meeting = check(doc, lene.post(f"{path}/publish", {"version": meeting["version"]}),
                    "/meetings/{meeting_id}/publish", "post")
    item = next(i for i in meeting["items"] if i["kind"] == "case")
    minutes = {"version": item["version"], "minutes": "Stole bestilles.", "decision": "resolve",
               "answer": "Nye stole i marts."}
    assert check(doc, lene.post(f"/meeting-items/{item['id']}/minutes", minutes),
                 "/meeting-items/{item_id}/minutes", "post")["decision"] == "resolve"
    stale = check(doc, lene.post(f"/meeting-items/{item['id']}/minutes", minutes),
                  "/meeting-items/{item_id}/minutes", "post")
    assert stale["status"] == 409, stale
    meeting = check(doc, lene.get(path), "/meetings/{meeting_id}")
    line = {"version": meeting["version"], "what": "Fortæl om stolene", "audience": "employees",
            "channel": "newsletter", "owner": "tove@example.dk",
            "due_date": (utcnow().date() + timedelta(days=10)).isoformat(), "story_title": "Nye stole",
            "story_text": "LokalMED Skole har besluttet nye stole."}
    check(doc, lene.post(f"{path}/lines", line), "/meetings/{meeting_id}/lines", "post")
    meeting = check(doc, lene.get(path), "/meetings/{meeting_id}")
    attendance = {"version": meeting["version"], "present": ["lene@example.dk", "tove@example.dk"],
                  "apologies": ["sara@example.dk"], "minute_taker": "amir@example.dk"}
    meeting = check(doc, lene.post(f"{path}/attendance", attendance), "/meetings/{meeting_id}/attendance",
                    "post")
    assert meeting["minute_taker"] == "amir@example.dk" and len(meeting["attendance"]) == 3, meeting
    assert check(doc, sara.post(f"{path}/approve", {"version": meeting["version"]}),
                 "/meetings/{meeting_id}/approve", "post")["status"] == 403
    meeting = check(doc, lene.post(f"{path}/approve", {"version": meeting["version"]}),
                    "/meetings/{meeting_id}/approve", "post")
    assert meeting["approved_at"] is None and [a["side"] for a in meeting["approvals"]] == ["chair"]
    meeting = check(doc, lene.post(f"{path}/approve/withdraw", {"version": meeting["version"]}),
                    "/meetings/{meeting_id}/approve/withdraw", "post")
    for who in ("lene", "tove"):
        meeting = check(doc, api(who).post(f"{path}/approve", {"version": meeting["version"]}),
                        "/meetings/{meeting_id}/approve", "post")
    assert meeting["approved_by"] == "lene@example.dk" and meeting["approved_at"]
    meeting = check(doc, lene.post(f"{path}/addenda", {"text": "Rettelse: april."}),
                    "/meetings/{meeting_id}/addenda", "post")
    assert [a["text"] for a in meeting["addenda"]] == ["Rettelse: april."]
    public = check(doc, anna.get("/information/minutes"), "/information/minutes")["minutes"]
    assert [m["id"] for m in public] == [meeting["id"]] and public[0]["lines"][0]["story_title"] == "Nye stole"
    cancelled = _plan(doc, lene, 14)
    cancelled = check(doc, lene.post(f"/meetings/{cancelled['id']}/cancel", {"version": cancelled["version"]}),
                      "/meetings/{meeting_id}/cancel", "post")
    assert cancelled["status"] == "cancelled"
    mistake = _plan(doc, lene, 21)
    url = f"/meetings/{mistake['id']}?version={mistake['version']}"
    assert check(doc, _delete(lene, url), "/meetings/{meeting_id}", "delete") == {}
    assert check(doc, _delete(lene, url), "/meetings/{meeting_id}", "delete")["status"] == 404


def _mail_operations(doc, anna) -> None:
    """Read, change and refuse mail choices."""
    assert check(doc, anna.get("/notifications/mail"), "/notifications/mail")["kinds"]
    kinds = {"submitted": "now", "committees": "off", "deadlines": "now", "information": "digest"}
    saved = check(doc, anna.post("/notifications/mail", {"kinds": kinds, "digest_hour": 6}),
                  "/notifications/mail", "post")
    assert saved["kinds"] == {**kinds, "meetings": "now"} and saved["digest_hour"] == 6  # left out: kept
    refused = check(doc, anna.post("/notifications/mail", {"kinds": "now"}), "/notifications/mail", "post")
    assert refused["status"] == 400 and "kinds" in refused["error"]


def test_the_demo_points_to_the_api_description(app):
    from medflow.cli import cli

    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "/api/v1/openapi.json" in result.output


def _action_item_operations(doc, api) -> None:
    """Mark a work-environment action item done (200), then refused: stale (409), not the handler (403)."""
    path = "/cases/{case_id}/action-items/{item_id}"
    case = api("anna").submit("work_environment", title="Nær ved at falde", category="near_miss")
    case = api("amir").fire(api("amir").fire(case, "accept"), "assess", risk_level="low", comment="Lav")
    case = api("lene").fire(case, "plan", problem="Glat gulv", solution="Måtte", owner="Lene Leder",
                            due_date="2025-06-01", effect_check="Ingen fald")
    url = f"/cases/{case['id']}/action-items/{case['action_items'][0]['id']}"
    body = {"done_on": "2025-05-30", "version": case["version"]}
    done = check(doc, api("lene").post(url, body), path, "post")
    assert done["action_items"][0]["status"] == "done"
    check(doc, api("lene").post(url, {"done_on": None, "version": case["version"]}), path, "post")  # 409
    check(doc, api("sara").post(url, {"done_on": None, "version": done["version"]}), path, "post")  # 403
