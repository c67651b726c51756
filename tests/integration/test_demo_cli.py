"""`medflow demo` loads the demo organisation with every role and prints how to log in."""

from sqlalchemy import select

from medflow.cli import DEMO_PASSWORD, cli
from medflow.domain.definitions import COMMITTEE_ROLES
from medflow.extensions import db
from medflow.persistence.models import Committee, Level, Membership, Person
from medflow.services.users import authenticate
from tests.factories import row_counts


def test_demo_loads_three_levels_every_role_and_prints_login_hints(app):
    result = app.test_cli_runner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert f"the password is: {DEMO_PASSWORD}" in result.output
    assert "admin@example.dk" in result.output
    with app.app_context():
        levels = db.session.scalars(select(Level.key).join(Committee).distinct()).all()
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
