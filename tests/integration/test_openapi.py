"""GET /api/v1/openapi.json describes every /api/v1 operation, and the answers match it."""

import re

import pytest
from jsonschema import Draft202012Validator

from medflow.domain.limits import TEXT_MAX

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
    schema = answers[str(response.status_code)]["content"]["application/json"]["schema"]
    wrapper = {**schema, "components": doc["components"]}
    Draft202012Validator(wrapper).validate(response.get_json())
    CALLED.add(operation["operationId"])
    return response.get_json()


def test_the_document_is_openapi_3_1_and_every_schema_is_valid_json_schema(doc):
    assert doc["openapi"].startswith("3.1")
    for schema in doc["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_api_v1_route_is_documented(app, doc):
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api_docs.openapi":
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
    every = {o["operationId"] for ops in doc["paths"].values() for o in ops.values()}
    assert CALLED == every


def test_the_demo_points_to_the_api_description(app):
    from medflow.cli import cli

    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "/api/v1/openapi.json" in result.output
