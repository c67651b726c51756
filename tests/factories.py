"""Small test data: one three-level organisation and API clients for its people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from medflow.domain.errors import DefinitionError
from medflow.domain.org import parse_org
from medflow.domain.yamlsource import load_text
from medflow.extensions import db
from medflow.persistence.models import Base, Case, Person
from medflow.services.org import import_org
from medflow.services.people.users import issue_token

ORG: dict[str, Any] = {
    "committees": [
        {"key": "kommunemed", "name": "KommuneMED", "level": "kommune"},
        {"key": "omr-born", "name": "OmrådeMED Børn og Unge", "level": "omraade",
         "parent": "kommunemed"},
        {"key": "omr-aeldre", "name": "OmrådeMED Ældre", "level": "omraade",
         "parent": "kommunemed"},
        {"key": "lok-skole", "name": "LokalMED Skole", "level": "lokal", "parent": "omr-born"},
        {"key": "lok-dagtilbud", "name": "LokalMED Dagtilbud", "level": "lokal",
         "parent": "omr-born"},
        {"key": "lok-pleje", "name": "LokalMED Plejecenter", "level": "lokal",
         "parent": "omr-aeldre"},
    ],
    "people": [
        {"email": "anna@example.dk", "name": "Anna Jensen", "workplace": "lok-skole"},
        {"email": "lene@example.dk", "name": "Lene Leder", "workplace": "lok-skole",
         "roles": [{"committee": "lok-skole", "role": "chair"}]},
        {"email": "tove@example.dk", "name": "Tove TR", "workplace": "lok-skole",
         "roles": [{"committee": "lok-skole", "role": "vice_chair"},
                   {"committee": "lok-skole", "role": "tr"}]},
        {"email": "sara@example.dk", "name": "Sara Medlem", "workplace": "lok-skole",
         "roles": [{"committee": "lok-skole", "role": "member"}]},
        {"email": "amir@example.dk", "name": "Amir AMR", "workplace": "lok-skole",
         "roles": [{"committee": "lok-skole", "role": "amr"}]},
        {"email": "ole@example.dk", "name": "Ole Områdechef", "workplace": "omr-born",
         "roles": [{"committee": "omr-born", "role": "chair"}]},
        {"email": "kim@example.dk", "name": "Kim Direktør", "workplace": "kommunemed",
         "roles": [{"committee": "kommunemed", "role": "chair"}]},
        {"email": "dora@example.dk", "name": "Dora Dagtilbud", "workplace": "lok-dagtilbud",
         "roles": [{"committee": "lok-dagtilbud", "role": "chair"}]},
        {"email": "peter@example.dk", "name": "Peter Plejer", "workplace": "lok-pleje"},
        {"email": "pia@example.dk", "name": "Pia Plejeleder", "workplace": "lok-pleje",
         "roles": [{"committee": "lok-pleje", "role": "chair"}]},
        {"email": "admin@example.dk", "name": "Ada Admin", "workplace": "kommunemed",
         "admin": True},
    ],
}


def _workplace(key: str, name: str, area: str, chair: str) -> tuple[dict, dict]:
    return ({"key": key, "name": name, "level": "lokal", "parent": area},
            {"email": f"{chair}@example.dk", "name": chair.title(), "workplace": key,
             "roles": [{"committee": key, "role": "chair"}]})


_WORKPLACES = [
    _workplace("lok-skole", "LokalMED Skole", "omr-born", "lene"),
    _workplace("lok-dagtilbud", "LokalMED Dagtilbud", "omr-born", "dora"),
    _workplace("lok-sfo", "LokalMED SFO", "omr-born", "sofie"),
    _workplace("lok-pleje", "LokalMED Plejecenter", "omr-aeldre", "pia"),
    _workplace("lok-hjemmepleje", "LokalMED Hjemmepleje", "omr-aeldre", "hanne"),
    _workplace("lok-aktiv", "LokalMED Aktivitetscenter", "omr-aeldre", "aksel"),
]

# KommuneMED → two area committees → six workplace committees, for cascades.
CASCADE_ORG: dict[str, Any] = {
    "committees": [
        {"key": "kommunemed", "name": "KommuneMED", "level": "kommune"},
        {"key": "omr-born", "name": "OmrådeMED Børn og Unge", "level": "omraade", "parent": "kommunemed"},
        {"key": "omr-aeldre", "name": "OmrådeMED Ældre", "level": "omraade", "parent": "kommunemed"},
        *[c for c, _ in _WORKPLACES],
    ],
    "people": [
        {"email": "kim@example.dk", "name": "Kim Direktør", "workplace": "kommunemed",
         "roles": [{"committee": "kommunemed", "role": "chair"}]},
        {"email": "karen@example.dk", "name": "Karen Sekretær", "workplace": "kommunemed",
         "roles": [{"committee": "kommunemed", "role": "secretary"}]},
        {"email": "kurt@example.dk", "name": "Kurt Medlem", "workplace": "kommunemed",
         "roles": [{"committee": "kommunemed", "role": "member"}]},
        {"email": "ole@example.dk", "name": "Ole Områdechef", "workplace": "omr-born",
         "roles": [{"committee": "omr-born", "role": "chair"}]},
        {"email": "olga@example.dk", "name": "Olga Områdechef", "workplace": "omr-aeldre",
         "roles": [{"committee": "omr-aeldre", "role": "chair"}]},
        *[p for _, p in _WORKPLACES],
        {"email": "sara@example.dk", "name": "Sara Medlem", "workplace": "lok-skole",
         "roles": [{"committee": "lok-skole", "role": "member"}]},
        {"email": "anna@example.dk", "name": "Anna Jensen", "workplace": "lok-skole"},
        {"email": "peter@example.dk", "name": "Peter Plejer", "workplace": "lok-pleje"},
    ],
}


def load_org(session, data: dict[str, Any] | None = None) -> dict[str, str]:
    """Import the test organisation; return short name → email."""
    spec = parse_org(data or ORG, "test-org")
    import_org(session, spec)
    return {p.email.split("@")[0]: p.email for p in spec.people}


def log_in_client(app: Flask, client, who: str) -> None:
    """Log a test client in as who@example.dk by setting Flask-Login's session keys."""
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))
        session_id = person.get_id()  # the id and the person's current session token
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = session_id, True


class ApiClients:
    """Make JSON API clients that carry a bearer token for a person."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.tokens: dict[str, str] = {}

    def __call__(self, who: str) -> ApiClient:
        if who not in self.tokens:
            with self.app.app_context():
                self.tokens[who] = issue_token(db.session, f"{who}@example.dk")
        return ApiClient(self.app, self.tokens[who])


class ApiClient:
    """A test client that sends the token and an Accept-Language header."""

    def __init__(self, app: Flask, token: str, lang: str = "en") -> None:
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": lang}

    def get(self, url: str, **kwargs):
        return self.client.get("/api/v1" + url, headers=self.headers, **kwargs)

    def post(self, url: str, body: Any = None, **kwargs):
        return self.client.post("/api/v1" + url, json=body, headers=self.headers, **kwargs)

    def in_danish(self) -> ApiClient:
        clone = ApiClient.__new__(ApiClient)
        clone.client, clone.headers = self.client, {**self.headers, "Accept-Language": "da"}
        return clone

    def submit(self, workflow: str = "question", title: str = "Hvornår kommer der nye stole?",
               **extra) -> dict:
        response = self.post("/cases", {"workflow": workflow, "title": title,
                                        "description": "Stolene i personalerummet er slidte.",
                                        **extra})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def fire(self, case: dict, event: str, expect: int = 200, **fields) -> dict:
        body = {"event": event, "version": case["version"], **fields}
        response = self.post(f"/cases/{case['id']}/events", body)
        assert response.status_code == expect, response.get_json()
        return response.get_json()


def row_counts(session) -> dict[str, int]:
    """Return the number of rows in every table except API tokens (clients add those)."""
    return {
        t.name: session.scalar(select(func.count()).select_from(t))
        for t in Base.metadata.sorted_tables if t.name != "api_tokens"
    }


def snapshot(app: Flask, case_id: int | None = None) -> dict[str, Any]:
    """Return what a refused request must leave unchanged: row counts and the case row."""
    with app.app_context():
        result: dict[str, Any] = {"rows": row_counts(db.session)}
        case = db.session.get(Case, case_id) if case_id is not None else None
        if case is not None:
            result["case"] = (case.state, case.holder_id, case.version, dict(case.data or {}),
                              case.updated_at, case.closed_at, len(case.history))
        db.session.remove()
        return result


def org_with_levels(levels: list[str]) -> dict[str, Any]:
    """Return a one-branch organisation with these levels (top first) and a chair at each."""
    committees, people, parent = [], [], None
    for level in levels:
        key = f"c-{level}"
        committees.append({"key": key, "name": f"Udvalg {level}", "level": level,
                           **({"parent": parent} if parent else {})})
        people.append({"email": f"chair-{level}@example.dk", "name": f"Formand {level}",
                       "workplace": key, "roles": [{"committee": key, "role": "chair"}]})
        parent = key
    people.append({"email": "worker@example.dk", "name": "Medarbejder", "workplace": parent})
    return {"levels": [{"key": lv, "name": lv.title()} for lv in levels],
            "committees": committees, "people": people}


def problems_in(parse: Callable[[Any, str], Any], text: str, file: str) -> list[str]:
    """Parse YAML `text` as `file`; return every problem reported, as 'file:line: message'."""
    with pytest.raises(DefinitionError) as error:
        parse(load_text(text, file), file)
    return [str(p) for p in error.value.problems]
