"""Person export (GDPR art. 15): `medflow person export EMAIL` and the admin download agree."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import Person


def _id(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Person.id).where(Person.email == email))


@pytest.fixture
def history(app, pages, api):
    """Anna submits a case (mail queued, not sent); Lene takes it up; return the case."""
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_SEND_ON_COMMIT=False)
    case = api("anna").submit(title="Hvornår kommer der nye stole?")
    api("lene").fire(case, "accept")
    return case


def _without_time(export: dict) -> dict:
    return {k: v for k, v in export.items() if k != "exported_at"}


def test_the_cli_export_holds_everything_about_the_person_and_no_secrets(app, history):
    result = app.test_cli_runner().invoke(cli, ["person", "export", "anna@example.dk"])
    assert result.exit_code == 0, result.output
    export = json.loads(result.output)
    assert export["format"] == "medflow-person-export/1"
    assert export["person"]["email"] == "anna@example.dk" and export["person"]["workplace"] == "lok-skole"
    assert "password_hash" not in export["person"] and export["person"]["has_password"] is False
    [case] = export["cases_submitted"]
    assert (case["id"], case["title"], case["state"], case["holder"]) == (
        history["id"], "Hvornår kommer der nye stole?", "accepted", "lok-skole")
    assert [(h["case_id"], h["event"]) for h in export["history"]] == [(history["id"], "submit")]
    assert [(n["case_id"], n["kind"]) for n in export["notifications"]] == [(history["id"], "accept")]
    [token] = export["api_tokens"]
    assert token["prefix"].startswith("mf_") and "token_hash" not in token
    assert [m["recipient"] for m in export["outbox"]] == ["anna@example.dk"]
    assert "Hvornår kommer der nye stole?" in export["outbox"][0]["subject"]


def test_a_chairs_export_has_roles_and_the_history_rows_she_made(app, history):
    export = json.loads(app.test_cli_runner().invoke(cli, ["person", "export", "lene@example.dk"]).output)
    assert [(m["committee"], m["role"]) for m in export["memberships"]] == [("lok-skole", "chair")]
    assert [h["event"] for h in export["history"]] == ["accept"] and export["cases_submitted"] == []


def test_an_admin_downloads_the_same_export_as_a_json_file(app, pages, history):
    anna = _id(app, "anna@example.dk")
    response = pages("admin").get(f"/admin/people/{anna}/export")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == f'attachment; filename="medflow-person-{anna}.json"'
    cli_export = json.loads(app.test_cli_runner().invoke(cli, ["person", "export", "anna@example.dk"]).output)
    download = json.loads(response.data)
    assert download.pop("redacted_for") == "admin@example.dk" and "visibility rule" in download.pop("note")
    assert _without_time(download) == _without_time(cli_export)  # nothing confidential: the same


def test_the_admins_download_applies_the_visibility_rule_and_the_persons_own_export_does_not(app, pages, api):
    secret = "Hemmelig sag om Bo"
    case = api("lene").fire(api("anna").submit(title=secret, description="Bo har det svært."), "accept")
    assert case["confidential"] is False  # the submit helper's default; make one confidential below
    hidden = api("anna").submit(title="Bo er sygemeldt", description="Bo er sygemeldt med stress.",
                                confidential=True)
    api("lene").fire(hidden, "accept", comment="Lene taler med Bo om det hemmelige")
    for who in ("anna", "lene"):
        own = app.test_cli_runner().invoke(cli, ["person", "export", f"{who}@example.dk"]).output
        assert ("Bo er sygemeldt med stress." if who == "anna" else "Lene taler med Bo om det hemmelige") in own
        download = pages("admin").get(f"/admin/people/{_id(app, f'{who}@example.dk')}/export")
        body = json.loads(download.data)
        assert body["redacted_for"] == "admin@example.dk", who
        text = json.dumps(body, ensure_ascii=False)
        assert "Lene taler med Bo om det hemmelige" not in text and "Bo er sygemeldt" not in text, who
        if who == "anna":
            [redacted] = [c for c in body["cases_submitted"] if c["id"] == hidden["id"]]
            assert redacted["redacted"] is True and redacted["title"] is None
            [plain] = [c for c in body["cases_submitted"] if c["id"] == case["id"]]
            assert plain["title"] == secret  # an ordinary case the admin may read stays whole


def test_only_admins_may_download_an_export(app, pages, history):
    anna = _id(app, "anna@example.dk")
    for who in ("anna", "lene", "kim"):
        refused = pages(who).get(f"/admin/people/{anna}/export")
        assert refused.status_code == 403 and b"stole" not in refused.data
    assert pages().get(f"/admin/people/{anna}/export").status_code == 302  # to the log-in page
    assert pages("admin").get("/admin/people/999999/export").status_code == 404


def test_an_admin_finds_the_export_by_email_from_the_organisation_page(app, pages, history):
    admin = pages("admin")
    assert "Eksportér en persons data" in admin.get("/org").get_data(as_text=True)
    assert "Eksportér en persons data" not in pages("lene").get("/org").get_data(as_text=True)
    found = admin.get("/admin/people/export?email=anna@example.dk")
    assert found.status_code == 302
    assert found.headers["Location"].endswith(f"/admin/people/{_id(app, 'anna@example.dk')}/export")
    missing = admin.get("/admin/people/export?email=")
    assert missing.status_code == 400 and "email" in missing.get_data(as_text=True)
    assert admin.get("/admin/people/export?email=nobody@example.dk").status_code == 404
    assert pages("lene").get("/admin/people/export?email=anna@example.dk").status_code == 403


def test_a_person_downloads_their_own_data_from_their_account_page(app, pages, api):
    hidden = api("anna").submit(title="Bo er sygemeldt", description="Bo er sygemeldt med stress.",
                                confidential=True)
    anna = pages("anna")
    assert 'href="/account/export"' in anna.get("/account/tokens").get_data(as_text=True)
    response = anna.get("/account/export")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = json.loads(response.data)
    assert "redacted_for" not in body  # her own text, in full
    [case] = [c for c in body["cases_submitted"] if c["id"] == hidden["id"]]
    assert case["description"] == "Bo er sygemeldt med stress."
    cli_export = json.loads(app.test_cli_runner().invoke(cli, ["person", "export", "anna@example.dk"]).output)
    assert _without_time(body) == _without_time(cli_export)
    assert pages().get("/account/export").status_code == 302  # to the log-in page
