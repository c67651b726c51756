"""`medflow demo` loads the demo organisation with every role and prints how to log in."""

import pytest
from sqlalchemy import select

from medflow.cli import cli
from medflow.cli.demo import DEMO_PASSWORD
from medflow.demo.confidential import TITLE
from medflow.domain.definitions import COMMITTEE_ROLES
from medflow.domain.errors import Unknown
from medflow.domain.visibility import Level
from medflow.extensions import db
from medflow.persistence.models import Case, Committee, Membership, Person
from medflow.persistence.models import Level as OrgLevel
from medflow.services.access import case_view
from medflow.services.people.users import authenticate
from tests.factories import row_counts


def test_demo_loads_three_levels_every_role_and_prints_login_hints(app):
    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert f"the password is: {DEMO_PASSWORD}" in result.output
    assert "admin@example.dk" in result.output
    with app.app_context():
        levels = db.session.scalars(select(OrgLevel.key).join(Committee).distinct()).all()
        assert sorted(levels) == ["kommune", "lokal", "omraade"]
        assert set(db.session.scalars(select(Membership.role))) == set(COMMITTEE_ROLES)
        assert db.session.scalar(select(Person).where(Person.is_admin)) is not None
        assert db.session.scalar(select(Committee.parent_id).where(Committee.key == "kommunemed")) is None
        assert authenticate(db.session, "anna@example.dk", DEMO_PASSWORD) is not None
        assert authenticate(db.session, "henrik.lauridsen@example.dk", DEMO_PASSWORD) is not None


def test_running_demo_twice_does_not_duplicate(app):
    runner = app.test_cli_runner()
    runner.invoke(cli, ["demo"])
    with app.app_context():
        before = row_counts(db.session)
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert " 0 created" in result.output
    with app.app_context():
        assert row_counts(db.session) == before


def test_demo_hints_walk_from_an_employee_up_through_each_chair_to_the_top(app):
    result = app.test_cli_runner().invoke(cli, ["demo"])
    emails = [line.split()[0] for line in result.output.splitlines() if line.startswith("  ")]
    with app.app_context():
        employee = db.session.scalar(select(Person).where(Person.email == emails[0]))
        assert employee.memberships == []
        chain, committee = [], employee.workplace
        while committee is not None:
            chain.append(committee.key)
            committee = committee.parent
        chairs = [
            db.session.scalar(select(Person.email).join(Membership).join(Committee).where(
                Committee.key == key, Membership.role == "chair"))
            for key in chain
        ]
        secretary = db.session.scalar(select(Person.email).join(Membership).join(Committee).where(
            Committee.key == "kommunemed", Membership.role == "secretary"))
    assert chain[-1] == "kommunemed" and len(chain) == 3
    assert emails[1:4] == chairs
    assert emails[4:6] == [secretary, "admin@example.dk"]  # who runs KommuneMED's meetings, then an admin
    for place in ("/meetings", "/calendar", "/news", "/admin", "/guide"):
        assert place in result.output


def test_demo_shows_a_confidential_case_each_hinted_person_sees_as_the_hint_says(app):
    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert "A confidential case" in result.output
    expected = {"martin.lindberg@example.dk": Level.FULL, "anne-marie.kristensen@example.dk": Level.FULL,
                "rasmus.dahl@example.dk": Level.FULL, "jens.kofoed@example.dk": Level.REDACTED,
                "admin@example.dk": Level.REDACTED}
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.title == TITLE))
        assert (case.confidential, case.holder.key, case.state) == (True, "cmed-ba", "submitted")
        for email, level in expected.items():
            person = db.session.scalar(select(Person).where(Person.email == email))
            assert case_view(db.session, person, case.id).level == level, email
        sara = db.session.scalar(select(Person).where(Person.email == "sara.ahmadi@example.dk"))
        with pytest.raises(Unknown):
            case_view(db.session, sara, case.id)


def test_port_8000_makes_every_printed_and_mailed_link_use_port_8000(monkeypatch, database_url):
    from medflow import create_app

    monkeypatch.delenv("MEDFLOW_BASE_URL", raising=False)
    monkeypatch.setenv("PORT", "8000")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test"})
    assert app.config["BASE_URL"] == "http://127.0.0.1:8000"
    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert "http://127.0.0.1:8000/api/v1/openapi.json" in result.output and ":5000" not in result.output
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def test_running_the_demo_again_keeps_what_an_administrator_changed(app):
    from medflow.services.admin import committees as committee_admin
    from medflow.services.admin import people as people_admin

    runner = app.test_cli_runner()
    runner.invoke(cli, ["demo"])
    with app.app_context():
        admin = db.session.scalar(select(Person).where(Person.email == "admin@example.dk"))
        people_admin.add_role(db.session, admin, "lok-skovvejens-skole", "anna@example.dk", "member")
        committee_admin.rename_committee(db.session, admin, "lok-bibliotek", "LokalMED Bibliotek og Kultur")
        vice = db.session.scalar(select(Membership).join(Committee).where(
            Committee.key == "lok-skovvejens-skole", Membership.role == "vice_chair"))
        removed = vice.person.email
        people_admin.remove_role(db.session, admin, "lok-skovvejens-skole", removed, "vice_chair")
        db.session.remove()
    again = runner.invoke(cli, ["demo"])
    assert again.exit_code == 0, again.output
    assert "kept as they are" in again.output
    with app.app_context():
        roles = {(m.person.email, m.committee.key, m.role) for m in db.session.scalars(select(Membership))}
        assert ("anna@example.dk", "lok-skovvejens-skole", "member") in roles
        assert (removed, "lok-skovvejens-skole", "vice_chair") not in roles
        renamed = db.session.scalar(select(Committee).where(Committee.key == "lok-bibliotek"))
        assert renamed.name == "LokalMED Bibliotek og Kultur"
