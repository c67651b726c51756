"""Bad input never answers 500: every refusal is a 400 (or 413) that names the field, and writes nothing."""

import json

import pytest

from tests.factories import snapshot

HUGE = 2**70


def raw_post(client, url: str, raw: str | bytes, content_type: str = "application/json"):
    """Post a raw body (not necessarily JSON) with the client's token."""
    return client.client.post("/api/v1" + url, data=raw, content_type=content_type, headers=client.headers)


def refused_naming(response, field: str, status: int = 400) -> str:
    """Assert a JSON refusal with `status` whose message names `field`; return the message."""
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == status and field in body["error"], body
    return body["error"]


@pytest.fixture
def case(api):
    """Return a question Anna just submitted to LokalMED Skole."""
    return api("anna").submit()


@pytest.mark.parametrize("url", [f"/cases/{HUGE}", f"/cascades/{HUGE}", f"/cases/{2**63}", f"/cases/{2**31}"])
def test_an_id_beyond_the_id_range_in_the_url_is_a_bad_request(api, url):
    refused_naming(api("lene").get(url), url.split("/")[1].rstrip("s") + "_id")


@pytest.mark.parametrize("version", ["Infinity", "-Infinity", "NaN", "1e400", '"abc"', "1.5", "[]", "{}",
                                     str(HUGE), "true", f"-{HUGE}", '"1.0"'])
def test_a_version_that_is_not_a_whole_number_is_a_bad_request(app, api, case, version):
    before = snapshot(app, case["id"])
    raw = '{"event": "accept", "version": ' + version + "}"
    response = raw_post(api("lene"), f"/cases/{case['id']}/events", raw)
    assert refused_naming(response, "version") == "version must be a whole number."
    assert snapshot(app, case["id"]) == before


def test_an_event_to_a_case_id_beyond_64_bits_is_a_bad_request(api):
    response = api("lene").post(f"/cases/{HUGE}/events", {"event": "accept", "version": 1})
    refused_naming(response, "case_id")


@pytest.mark.parametrize(("field", "value"), [
    ("title", ["Stole"]), ("title", {"text": "Stole"}), ("workflow", ["question"]), ("topic", {"key": "x"}),
    ("description", ["x"]), ("confidential", "false"), ("confidential", 0),
])
def test_a_list_object_or_string_where_another_type_belongs_is_a_bad_request(app, api, field, value):
    before = snapshot(app)
    body = {"workflow": "question", "title": "Stole", "description": "Slidte", field: value}
    response = api("anna").post("/cases", body)
    assert response.status_code == 400 and field in response.get_json()["error"]
    assert snapshot(app) == before


@pytest.mark.parametrize("field", ["title", "description", "location", "what_happened", "category"])
@pytest.mark.parametrize("bad", ["\ud800", "a\x00b", "\udfff tekst", "bell\x07"])
def test_unstorable_characters_are_refused_naming_the_field(app, api, field, bad):
    before = snapshot(app)
    body = {"workflow": "work_environment", "title": "Glat gulv", "category": "physical",
            "location": "Kantinen", "what_happened": "Fald", field: bad}
    response = raw_post(api("anna"), "/cases", json.dumps(body))  # json.dumps keeps \ud800 as an escape
    refused_naming(response, field)
    assert snapshot(app) == before


def test_an_unstorable_character_in_an_event_comment_is_refused(app, api, case):
    before = snapshot(app, case["id"])
    body = {"event": "accept", "version": case["version"], "comment": "ok\x00"}
    refused_naming(api("lene").post(f"/cases/{case['id']}/events", body), "comment")
    assert snapshot(app, case["id"]) == before


@pytest.mark.parametrize("url", ["/committees/lok-skole%00/cases", "/committees/lok-skole/cases?state=new%00",
                                 "/committees/%ED%A0%80/cases"])
def test_unstorable_characters_in_the_url_are_refused(api, url):
    response = api("lene").get(url)
    assert response.status_code in (400, 404), response.get_data(as_text=True)
    assert response.get_json()["status"] == response.status_code


def test_deeply_nested_json_is_a_bad_request(app, api, case):
    before = snapshot(app, case["id"])
    deep = "[" * 100_000 + "]" * 100_000
    response = raw_post(api("lene"), f"/cases/{case['id']}/events", deep)
    assert refused_naming(response, "body") == "The body must be a JSON object."
    nested = '{"event": "accept", "version": 1, "comment": ' + "[" * 40 + "]" * 40 + "}"
    refused_naming(raw_post(api("lene"), f"/cases/{case['id']}/events", nested), "comment")
    assert snapshot(app, case["id"]) == before


@pytest.mark.parametrize(("raw", "content_type"), [
    (b"\xff\xfe\x00binary", "application/json"),
    ("event=accept&version=1", "application/x-www-form-urlencoded"),
    ('{"event": "accept", "version": 1}', "text/plain"), ("", "application/json"),
])
def test_a_body_that_is_not_json_is_a_bad_request(app, api, case, raw, content_type):
    before = snapshot(app, case["id"])
    response = raw_post(api("lene"), f"/cases/{case['id']}/events", raw, content_type)
    refused_naming(response, "body")
    assert snapshot(app, case["id"]) == before


@pytest.mark.parametrize(("body", "field"), [
    ({"ids": [HUGE]}, "ids"), ({"ids": [1.5]}, "ids"), ({"ids": "all"}, "ids"), ({"ids": [True]}, "ids"),
])
def test_bad_notification_ids_are_a_bad_request(api, body, field):
    refused_naming(api("anna").post("/notifications/read", body), field)


@pytest.mark.parametrize(("field", "value"), [
    ("committee", ["kommunemed"]), ("committee", {"key": 1}), ("internal", "false"), ("internal", 1),
    ("levels", "lokal"), ("branches", [["lok-skole"]]), ("title", "\ud800"), ("body", "tekst\x00"),
])
def test_a_bad_cascade_field_is_a_bad_request(app, api, field, value):
    before = snapshot(app)
    body = {"committee": "kommunemed", "kind": "information", "title": "Ny politik", "body": "Læs den",
            field: value}
    refused_naming(raw_post(api("kim"), "/cascades", json.dumps(body)), field)
    assert snapshot(app) == before


def test_a_nul_byte_in_a_form_is_a_bad_request_naming_the_field(app, org):
    from tests.factories import log_in_client

    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    log_in_client(app, client, "anna")
    before = snapshot(app)
    response = client.post("/cases/new", data={"workflow": "question", "title": "Stole\x00", "description": ""})
    assert response.status_code == 400 and "title" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_a_huge_id_in_a_page_url_is_a_bad_request(app, org):
    from tests.factories import log_in_client

    client = app.test_client()
    log_in_client(app, client, "anna")
    response = client.get(f"/cases/{HUGE}")
    assert response.status_code == 400 and "case_id" in response.get_data(as_text=True)
