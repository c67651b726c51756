"""`medflow org import FILE` loads the organisation: idempotent, all or nothing."""

import pytest
from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import Committee, Membership, Person
from tests.factories import row_counts
from tests.helpers.org_files import MINIMAL


@pytest.fixture
def run_import(app, tmp_path):
    """Return a function that writes YAML text to a file and runs `medflow org import` on it."""
    def run(text: str, name: str = "org.yaml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return app.test_cli_runner().invoke(cli, ["org", "import", str(path)]), path
    return run


def _counts(app) -> dict[str, int]:
    with app.app_context():
        return row_counts(db.session)


def test_the_minimal_form_imports(app, run_import):
    result, path = run_import(MINIMAL)
    assert result.exit_code == 0, result.output
    assert result.output == f"Imported {path}: 8 created, 0 updated.\n"
    counts = _counts(app)
    assert [counts[t] for t in ("levels", "committees", "people", "memberships")] == [3, 3, 2, 1]
    with app.app_context():
        skole = db.session.scalar(select(Committee).where(Committee.key == "lok-skole"))
        assert [skole.parent.key, skole.parent.parent.key, skole.level.key] == ["omr-born", "kommunemed",
                                                                                "lokal"]


def test_a_second_import_updates_and_never_duplicates(app, run_import):
    run_import(MINIMAL)
    before = _counts(app)
    changed = MINIMAL.replace("name: Lene Leder", "name: Lene Lederesen").replace(
        "role: chair}]}", "role: chair}, {committee: omr-born, role: member}]}")
    result, path = run_import(changed)
    assert result.exit_code == 0, result.output
    assert result.output == f"Imported {path}: 0 created, 8 updated.\n"
    assert _counts(app) == {**before, "memberships": 2}
    result, _ = run_import(changed)
    assert (result.exit_code, _counts(app)) == (0, {**before, "memberships": 2})
    with app.app_context():
        lene = db.session.scalar(select(Person).where(Person.email == "leder@example.dk"))
        roles = sorted((m.committee.key, m.role) for m in lene.memberships)
        assert (lene.name, roles) == ("Lene Lederesen", [("lok-skole", "chair"), ("omr-born", "member")])


def test_a_reimport_can_take_a_role_away(app, run_import):
    run_import(MINIMAL)
    run_import(MINIMAL.replace(",\n     roles: [{committee: lok-skole, role: chair}]}", "}"))
    with app.app_context():
        assert db.session.scalars(select(Membership)).all() == []


@pytest.mark.parametrize(("change", "reason"), [
    (("parent: omr-born}", "parent: omr-boern}"), ":4: committee 'lok-skole': unknown parent 'omr-boern'"),
    (("role: chair", "role: boss"), ":8: person leder@example.dk: unknown role 'boss'"),
    (("{key: omr-born, name", "{key: lok-skole, name"), ":4: committee 'lok-skole': duplicate key"),
    (("level: kommune}", "level: kommune, parent: lok-skole}"), ":2: committee 'kommunemed': its parents form"),
    (("level: omraade,", "level: [omraade,"), ":3: invalid YAML"),
])
def test_a_bad_file_is_rejected_with_file_entry_and_reason_and_nothing_is_written(app, run_import, change,
                                                                                  reason):
    run_import(MINIMAL.replace("Anna Jensen", "Anna Første"), "first.yaml")
    before = _counts(app)
    result, path = run_import(MINIMAL.replace("Anna Jensen", "Anna Anden").replace(*change))
    assert result.exit_code == 1
    assert f"{path} was not imported; nothing was written." in result.output
    assert f"{path}{reason}" in result.output
    assert _counts(app) == before
    with app.app_context():
        assert db.session.scalar(select(Person.name).where(Person.email == "anna@example.dk")) == "Anna Første"


def test_a_missing_file_is_an_error(app, tmp_path):
    result = app.test_cli_runner().invoke(cli, ["org", "import", str(tmp_path / "none.yaml")])
    assert result.exit_code == 1
    assert "cannot read" in result.output
