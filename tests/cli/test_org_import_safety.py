"""`medflow org import` refuses to re-order or re-mean the levels cases use, big files, binary files."""

import pytest
from sqlalchemy import event, select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import Committee, Level
from tests.factories import row_counts
from tests.unit.test_org_file import MINIMAL

LEVELS = """levels:
  - {key: kommune, name: KommuneMED}
  - {key: omraade, name: OmrådeMED}
  - {key: lokal, name: LokalMED}
"""
REORDERED = """levels:
  - {key: omraade, name: OmrådeMED}
  - {key: kommune, name: KommuneMED}
  - {key: lokal, name: LokalMED}
"""

# The same committees with the area above KommuneMED: a consistent file, but every rank changes.
REORDERED_ORG = REORDERED + """committees:
  - {key: omr-born, name: OmrådeMED Børn og Unge, level: omraade}
  - {key: kommunemed, name: KommuneMED, level: kommune, parent: omr-born}
  - {key: lok-skole, name: LokalMED Skole, level: lokal, parent: kommunemed}
""" + "people:" + MINIMAL.split("people:")[1]


@pytest.fixture
def run_import(app, tmp_path):
    """Return a function that writes a file and runs `medflow org import` on it (extra args after)."""
    def run(text: str | bytes, *args: str, name: str = "org.yaml"):
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return app.test_cli_runner().invoke(cli, ["org", "import", str(path), *args]), path
    return run


def _state(app) -> tuple:
    with app.app_context():
        ranks = {lv.key: lv.rank for lv in db.session.scalars(select(Level))}
        levels = {c.key: c.level.key for c in db.session.scalars(select(Committee))}
        return row_counts(db.session), ranks, levels


@pytest.fixture
def with_a_case(app, run_import, api):
    """Import the minimal organisation with its levels and let Anna submit a case at LokalMED Skole."""
    result, _ = run_import(LEVELS + MINIMAL)
    assert result.exit_code == 0, result.output
    with app.app_context():
        from medflow.services.people.users import issue_token
        token = issue_token(db.session, "anna@example.dk")
    response = app.test_client().post("/api/v1/cases", json={"workflow": "question", "title": "Stole"},
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201


def test_levels_in_another_order_are_refused_naming_them_and_nothing_is_written(app, run_import, with_a_case):
    before = _state(app)
    result, path = run_import(REORDERED_ORG.replace("Anna Jensen", "Anna Anden"))
    assert result.exit_code == 1
    assert f"{path} was not imported; nothing was written. It would change the levels:" in result.output
    assert ("the levels are in another order: stored kommune > omraade > lokal, "
            "the file has omraade > kommune > lokal") in result.output
    assert "--allow-level-changes" in result.output
    assert _state(app) == before


def test_levels_in_another_order_are_refused_even_before_any_case(app, run_import):
    run_import(LEVELS + MINIMAL)
    before = _state(app)
    result, _ = run_import(REORDERED_ORG)
    assert result.exit_code == 1 and "another order" in result.output
    assert _state(app) == before


def test_the_flag_applies_the_new_order_and_prints_what_changed(app, run_import, with_a_case):
    result, _ = run_import(REORDERED_ORG, "--allow-level-changes")
    assert result.exit_code == 0, result.output
    assert "Level change: the levels are in another order" in result.output
    assert "Level change: committee 'lok-skole'" not in result.output  # it stays at lokal
    assert _state(app)[1] == {"omraade": 0, "kommune": 1, "lokal": 2}


def test_a_committee_with_cases_moving_to_another_level_is_refused(app, run_import, with_a_case):
    before = _state(app)
    text = LEVELS.replace("  - {key: lokal, name: LokalMED}\n",
                          "  - {key: lokal, name: LokalMED}\n  - {key: team, name: TeamMED}\n")
    result, _ = run_import(text + MINIMAL.replace("level: lokal,", "level: team,"))
    assert result.exit_code == 1
    assert "committee 'lok-skole' has cases and moves from level 'lokal' to 'team'" in result.output
    assert _state(app) == before


def test_a_level_cases_use_may_not_be_left_out(app, run_import, with_a_case):
    before = _state(app)
    text = ("levels:\n  - {key: kommune, name: KommuneMED}\n  - {key: omraade, name: OmrådeMED}\n"
            "  - {key: skole, name: SkoleMED}\n")
    result, _ = run_import(text + MINIMAL.replace("level: lokal,", "level: skole,"))
    assert result.exit_code == 1
    assert "level 'lokal' is used by cases but is not in the file's levels" in result.output
    assert _state(app) == before


def test_the_same_levels_again_import_quietly(app, run_import, with_a_case):
    result, _ = run_import(LEVELS + MINIMAL)
    assert result.exit_code == 0 and "Level change" not in result.output


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(app, run_import):
    app.config["ORG_FILE_MAX_BYTES"] = 300
    result, path = run_import(MINIMAL + "# " + "x" * 300 + "\n: : not yaml [")
    assert result.exit_code == 1
    size = path.stat().st_size
    assert f"{path}: the file has {size} bytes; at most 300 are allowed" in result.output
    assert "invalid YAML" not in result.output


def test_the_default_size_limit_is_two_megabytes(app):
    assert app.config["ORG_FILE_MAX_BYTES"] == 2 * 1024 * 1024


@pytest.mark.parametrize(("content", "line"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", 1), (b"committees:\n  - {key: a\xff}\n", 2),
    (b"committees:\n  - {key: a, name: \x00}\n", 2), (b"people:\n  - {email: \x07}\n", 2),
])
def test_a_binary_file_is_an_error_with_file_and_line(app, run_import, content, line):
    result, path = run_import(content)
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{path}:{line}: " in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("text", "where"), [
    ("committees: 5\n", ":1: 'committees' must be a list"),
    ("people: {a: 1}\n", ":1: 'people' must be a list"),
    ("committees:\n  - {key: k, name: K, level: [kommune]}\n", ":2: committee 'k': unknown level"),
    ("committees:\n  - {key: k, name: K, level: kommune, parent: [x]}\n",
     ":2: committee 'k': 'parent' must be"),
    ("committees:\n  - {key: k, name: [K], level: kommune}\n", ":2: committee 'k': 'name' must be"),
    ("committees:\n  - {key: k, name: K, level: kommune, description: {a: 1}}\n",
     ":2: committee 'k': 'description'"),
    ("committees:\n  - {key: k, name: K, level: kommune}\n"
     "people:\n  - {email: a@b.dk, name: A, workplace: [k]}\n",
     ":4: person a@b.dk: 'workplace' must be"),
    ("committees:\n  - {key: k, name: K, level: kommune}\npeople:\n  - {email: a@b.dk, name: A, roles: 5}\n",
     ":4: person a@b.dk: 'roles' must be a list"),
    ("committees:\n  - {key: k, name: K, level: kommune}\npeople:\n  - {email: a@b.dk, name: A, admin: 'no'}\n",
     ":4: person a@b.dk: 'admin' must be true or false"),
    ("committees:\n  - {key: k, name: " + "N" * 201 + ", level: kommune}\n",
     ":2: committee 'k': 'name' may be"),
    ("levels:\n  - {key: kommune, name: [x]}\n", ":2: level 'kommune': 'name' must be"),
])
def test_a_wrongly_typed_file_is_an_error_with_file_and_line(app, run_import, text, where):
    before = _state(app)
    result, path = run_import(text)
    assert result.exit_code == 1, result.output
    assert f"{path}{where}" in result.output and "Traceback" not in result.output
    assert _state(app) == before


def _people(count: int, name: str) -> str:
    return "".join(f"  - {{email: p{i}@example.dk, name: {name} {i}, workplace: lok-skole,\n"
                   f"     roles: [{{committee: lok-skole, role: member}}]}}\n" for i in range(count))


def _statements_of_reimport(app, run_import, count: int) -> int:
    """Import `count` extra people, then count the SQL statements of importing them again renamed."""
    run_import(MINIMAL + _people(count, "P"))
    seen = []
    with app.app_context():
        def listen(*_args):
            seen.append(1)
        event.listen(db.engine, "before_cursor_execute", listen)
        result, _ = run_import(MINIMAL + _people(count, "Person"))
        event.remove(db.engine, "before_cursor_execute", listen)
    assert result.exit_code == 0, result.output
    return len(seen)


def test_a_reimport_costs_as_many_statements_for_a_hundred_people_as_for_ten(app, run_import):
    ten = _statements_of_reimport(app, run_import, 10)
    assert _statements_of_reimport(app, run_import, 100) == ten
